import { ALL_SMALLTALK_IDS, PROJECT_ANSWER_TOPIC_IDS } from '../../src/core/contract';
import { PROMPT_KEYS, promptKeyOf } from '../../src/content/bundle';
import { classify, Conversation, pipeline } from '../helpers/pipeline';

describe('project content (docs/contract.md)', () => {
  it('has a prompt for every small-talk id, so a matched sample always has a reply', () => {
    for (const id of ALL_SMALLTALK_IDS) {
      expect(PROMPT_KEYS as readonly string[]).toContain(promptKeyOf(id));
    }
  });

  it.each(['are you a real person', 'is this a bot or a human', 'who made you?', 'What are you'])(
    'answers "%s" as the coach, not a person',
    (text) => {
      const reply = new Conversation().say(text);
      expect(reply.outcome).toMatchObject({ kind: 'smalltalk', id: 'about-coach' });
      expect(reply.text).toMatch(/automated coach, not a person/);
      expect(reply.speech).toMatch(/not a doctor/);
    },
  );

  it.each([
    ['how do i give my partner a neck massage', 'massage-someone-else'],
    ['can I massage my mum’s neck for her', 'massage-someone-else'],
    ['how often should i massage my neck', 'duration-frequency'],
    ['how long should a neck massage last', 'duration-frequency'],
    ['which routine should I do', 'choose-routine'],
    ['something quick I can do at my desk, like 5 minutes', 'choose-routine'],
    ["what's good before bed", 'choose-routine'],
  ])('answers "%s" with %s', (text, id) => {
    expect(classify(text)).toMatchObject({ kind: 'answer', id });
  });

  it('offers a routine with the routine choice, and never names a number of minutes', () => {
    const answers = pipeline().content.answers;
    expect(answers.find((a) => a.id === 'choose-routine')?.routine).toBe('neck-stretches');
    for (const id of PROJECT_ANSWER_TOPIC_IDS) {
      const a = answers.find((x) => x.id === id)!;
      expect(`${a.text} ${a.speech}`).not.toMatch(/\b\d+\s*(minutes?|mins?|times)\b/i);
    }
  });

  describe('routine help', () => {
    const routines = pipeline().content.routines;
    const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

    it.each(routines.map((r) => [r.id, r] as const))(
      '%s has help for breathing and its number of steps',
      (_, r) => {
        const about = (r.help ?? []).map((h) => h.about);
        expect(about).toEqual(expect.arrayContaining(['breathing', 'how-many-steps']));
        const count = r.help!.find((h) => h.about === 'how-many-steps')!;
        expect(count.speech).toContain(`There are ${numberWords[r.steps.length]} steps`);
        expect(r.steps.filter((s) => s.help?.length).length).toBeGreaterThanOrEqual(4);
      },
    );

    it('never sends a help question to the safety router: pain is not help', () => {
      const all = routines.flatMap((r) =>
        [r.help ?? [], ...r.steps.map((s) => s.help ?? [])].flat(),
      );
      for (const h of all) {
        for (const q of h.questions) {
          expect([q, classify(q).kind]).not.toEqual([
            q,
            expect.stringMatching(/^(precaution|emergency)$/),
          ]);
        }
        expect(`${h.text} ${h.speech}`).not.toMatch(/\byou have\b/i);
      }
    });
  });
});
