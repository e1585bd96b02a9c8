import type { Intent, Routine } from '../../src/content/schema';
import { IntentPhrases } from '../../src/core/intent-phrases';
import { language, normalize } from '../helpers/language';
import { WordMatcher } from '../../src/core/word-match';

const t = (text: string) => normalize(text).tokens;

const INTENTS: Intent[] = [
  { id: 'next', kind: 'navigation', samples: ['next', 'next step', 'done', 'i feel fine now'] },
  { id: 'repeat', kind: 'navigation', samples: ['repeat', 'say that again'] },
  { id: 'go-to-step', kind: 'navigation', samples: ['go to step {n}'] },
  { id: 'greeting', kind: 'smalltalk', samples: ['hello', 'hi', 'yo'] },
  { id: 'thanks', kind: 'smalltalk', samples: ['thanks', 'thank you'] },
  { id: 'goodbye', kind: 'smalltalk', samples: ['bye', 'goodbye'] },
  { id: 'yes', kind: 'confirm', samples: ['yes', 'sure'] },
  {
    id: 'start-routine',
    kind: 'routine',
    samples: ['walk me through {routine}', 'start the {routine} routine', 'let us do {routine}'],
  },
];

/** Only id, title and names matter here; the rest is the smallest valid routine. */
function routine(id: string, title: string, names: string[]): Routine {
  const step = { title: 'Step', text: 'Do it.', speech: 'Do it.', reprompt: 'Ready?' };
  return {
    id,
    title,
    purpose: 'A test routine.',
    topic: 'techniques',
    names,
    safetyNote: 'Stop if it hurts.',
    steps: [step, step, step, step],
    wrapUp: { text: 'Done.', speech: 'Done.' },
  };
}

const ROUTINES = [
  routine('neck-stretches', 'Neck stretches', ['neck stretches', 'stretches']),
  routine('trigger-point-release', 'Trigger point release', ['trigger point']),
  routine('kneading', 'Kneading', ['kneading']),
];

/** Correctly spelled common words: never read as a typo of another word. */
const COMMON = new Set(
  'i me my the a an to do how what is can you so then now and run with kids every morning please point net'.split(
    ' ',
  ),
);
const phrases = new IntentPhrases(INTENTS, ROUTINES, new WordMatcher(COMMON), language());

const command = (text: string) => phrases.matchCommand(t(text));
const social = (text: string) => phrases.findSocial(t(text));
const mention = (text: string) => phrases.findRoutine(t(text));
const start = (text: string) => phrases.matchRoutineStart(t(text), mention(text));

describe('IntentPhrases.matchCommand', () => {
  it('matches a sample said on its own, exactly', () => {
    expect(command('next')).toEqual({ kind: 'navigation', id: 'next', exact: true });
    expect(command('Say that again!')).toEqual({ kind: 'navigation', id: 'repeat', exact: true });
    expect(command('sure')).toEqual({ kind: 'confirm', id: 'yes', exact: true });
  });

  it('lets polite extras wrap a command', () => {
    expect(command('ok next')).toMatchObject({ id: 'next', exact: true });
    expect(command('next then')).toMatchObject({ id: 'next', exact: true });
    expect(command('um ok next step now thanks')).toMatchObject({ id: 'next', exact: true });
    // a sample that itself ends in an extra word still matches with a leading extra
    expect(command('ok i feel fine now')).toMatchObject({ id: 'next', exact: true });
  });

  it('is whole-utterance: a command word inside a longer message is not a command', () => {
    expect(command('what is the next step in kneading')).toBeUndefined();
    expect(command('next to my shoulder')).toBeUndefined();
    expect(command('')).toBeUndefined();
  });

  it('fills {n} with the step number said, in digits or words', () => {
    expect(command('go to step three')).toEqual({
      kind: 'navigation',
      id: 'go-to-step',
      step: 3,
      exact: true,
    });
    expect(command('go to step 4')).toMatchObject({ id: 'go-to-step', step: 4 });
    expect(command('go to step banana')).toBeUndefined();
  });

  it('forgives one typo in a longer word, and says so', () => {
    expect(command('repaet')).toEqual({ kind: 'navigation', id: 'repeat', exact: false });
    expect(command('rpeat')).toEqual({ kind: 'navigation', id: 'repeat', exact: false });
    // a four-letter word with one letter dropped, unless the three letters are a word
    expect(command('nxt')).toEqual({ kind: 'navigation', id: 'next', exact: false });
    expect(command('net')).toBeUndefined();
    expect(command('nx')).toBeUndefined();
  });

  it('takes a greeting, thanks or goodbye followed by polite words only', () => {
    expect(command('thanks so much coach')).toEqual({
      kind: 'smalltalk',
      id: 'thanks',
      exact: true,
    });
    expect(command('hello there')).toMatchObject({ id: 'greeting' });
    expect(command('thanks for the kneading tips')).toBeUndefined();
  });

  it('never answers a routine-start sample as a command', () => {
    expect(command('walk me through kneading')).toBeUndefined();
  });
});

describe('IntentPhrases.findSocial', () => {
  it('finds a social phrase that opens or closes the message', () => {
    expect(social('thanks that was really helpful')).toEqual({
      kind: 'smalltalk',
      id: 'thanks',
      exact: false,
    });
    expect(social('that was great thank you')).toMatchObject({ id: 'thanks' });
    expect(social('hey thank you')).toMatchObject({ id: 'thanks' });
  });

  it('a goodbye beats thanks, and thanks beats a greeting', () => {
    expect(social('bye and thanks')).toMatchObject({ id: 'goodbye' });
    expect(social('thanks bye')).toMatchObject({ id: 'goodbye' });
    expect(social('hello and thanks')).toMatchObject({ id: 'thanks' });
  });

  it('ignores one in the middle (quoted) or with too many words around it', () => {
    expect(social('how do i say thank you in french')).toBeUndefined();
    expect(
      social('hello so my partner keeps asking me to rub their arms every single night'),
    ).toBeUndefined();
  });

  it('counts a one-word sample only when the word is only ever social', () => {
    expect(social('hello what is kneading')).toMatchObject({ id: 'greeting' });
    expect(social('yo what is kneading')).toBeUndefined();
  });
});

describe('IntentPhrases.findRoutine', () => {
  it('finds a routine by any of its names, its id or its title', () => {
    expect(mention('walk me through neck stretches')).toEqual({
      routineId: 'neck-stretches',
      start: 3,
      end: 5,
    });
    expect(mention('trigger point please')).toMatchObject({ routineId: 'trigger-point-release' });
    expect(mention('trigger point release')).toEqual({
      routineId: 'trigger-point-release',
      start: 0,
      end: 3,
    });
  });

  it('the longest name wins', () => {
    expect(mention('stretches')).toEqual({ routineId: 'neck-stretches', start: 0, end: 1 });
    expect(mention('neck stretches')).toEqual({ routineId: 'neck-stretches', start: 0, end: 2 });
    expect(mention('kneading or trigger point release')).toMatchObject({
      routineId: 'trigger-point-release',
      start: 2,
    });
  });

  it('forgives typos that keep the first letter, not in a correctly spelled common word', () => {
    expect(mention('kneeding')).toMatchObject({ routineId: 'kneading' });
    expect(mention('trigger piont release')).toMatchObject({ routineId: 'trigger-point-release' });
    expect(mention('neading')).toBeUndefined();
  });

  it('reads "the X one" as a routine when X is a word only that routine\'s names use', () => {
    expect(mention('walk me through the kneading one')).toMatchObject({ routineId: 'kneading' });
    expect(mention('the trigger one sounds good')).toEqual({
      routineId: 'trigger-point-release',
      start: 1,
      end: 3,
    });
    // "neck" is in no name alone; "the" is padding; a word of no name is no routine.
    expect(mention('the other one')).toBeUndefined();
    expect(mention('which one is best')).toBeUndefined();
  });

  it('finds nothing when no routine is named', () => {
    expect(mention('is massage safe')).toBeUndefined();
    expect(mention('')).toBeUndefined();
  });
});

describe('IntentPhrases.matchRoutineStart', () => {
  it('a routine-start sample around the name starts it exactly', () => {
    expect(start('walk me through neck stretches')).toEqual({
      routineId: 'neck-stretches',
      exact: true,
    });
    // padding words around the name are dropped on both sides
    expect(start('start the kneading routine')).toEqual({ routineId: 'kneading', exact: true });
    expect(start('ok walk me through the kneading')).toEqual({
      routineId: 'kneading',
      exact: true,
    });
  });

  it('a start cue near the name, or just after it, starts it too (not exactly)', () => {
    expect(start('can you guide me with kneading')).toEqual({
      routineId: 'kneading',
      exact: false,
    });
    expect(start('trigger point release, guide me')).toEqual({
      routineId: 'trigger-point-release',
      exact: false,
    });
    expect(start('kneading now')).toEqual({ routineId: 'kneading', exact: false });
    expect(start('let us try kneading')).toEqual({ routineId: 'kneading', exact: false });
    expect(start('neck stretches step by step')).toEqual({
      routineId: 'neck-stretches',
      exact: false,
    });
  });

  it('a question about the routine does not start it', () => {
    expect(start('how do i start kneading')).toBeUndefined();
    expect(start('what is trigger point release')).toBeUndefined();
    expect(start('kneading')).toBeUndefined();
  });

  it('a cue more than six words before the name does not count', () => {
    expect(start('i run with the kids every morning and then i do kneading')).toBeUndefined();
    expect(start('i run with the kids then i do kneading')).toEqual({
      routineId: 'kneading',
      exact: false,
    });
  });

  it('nothing without a routine mention', () => {
    expect(phrases.matchRoutineStart(t('walk me through it'), undefined)).toBeUndefined();
  });
});
