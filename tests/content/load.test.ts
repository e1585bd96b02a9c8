import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_ANSWER_TOPIC_IDS,
  ROUTINE_IDS,
  SAFETY_IDS,
  SPEECH_WORDS,
} from '../../src/core/contract';
import { loadContent } from '../../src/content/load';
import { wordCount } from '../../src/content/validate';
import { ContentCopy } from '../helpers/content-copy';

describe('content as shipped', () => {
  const content = loadContent();

  it('has every topic, precaution and routine of the contract', () => {
    expect(content.answers.map((a) => a.id).sort()).toEqual([...ALL_ANSWER_TOPIC_IDS].sort());
    expect(content.safetyResponses.map((r) => r.id).sort()).toEqual([...SAFETY_IDS].sort());
    expect(content.routines.map((r) => r.id).sort()).toEqual([...ROUTINE_IDS].sort());
  });

  it('keeps every spoken answer speakable and 25-80 words long', () => {
    for (const a of [...content.answers, ...content.safetyResponses]) {
      const words = wordCount(a.speech);
      expect(words).toBeGreaterThanOrEqual(SPEECH_WORDS.min);
      expect(words).toBeLessThanOrEqual(SPEECH_WORDS.max);
      expect(a.speech).not.toMatch(/[*_#<>[\]`]/);
    }
  });

  it('gives each answer at least 8 questions and at most 3 follow-ups', () => {
    for (const a of content.answers) {
      expect(a.questions.length).toBeGreaterThanOrEqual(8);
      expect(a.followUps.length).toBeLessThanOrEqual(3);
    }
  });

  it('tells the person what to do in every emergency, and never diagnoses', () => {
    const emergency = content.safetyResponses.find((r) => r.id === 'emergency')!;
    expect(emergency.speech).toMatch(/emergency number/i);
    for (const r of content.safetyResponses) {
      expect(`${r.text} ${r.speech}`).not.toMatch(/\byou have (a|an) (stroke|injury|infection)\b/i);
    }
  });
});

describe('broken content stops start-up with the file and entry named', () => {
  let copy: ContentCopy;
  beforeEach(() => {
    copy = new ContentCopy();
  });
  afterEach(() => copy.remove());

  it('reports invalid YAML with the file name', () => {
    copy.edit('content/answers/benefits.yaml', (t) => `${t}\n  - id: [unclosed\n`);
    expect(() => loadContent(copy.paths)).toThrow(
      /CONTENT_UNREADABLE: content\/answers\/benefits\.yaml: not valid YAML/,
    );
  });

  it('reports a schema problem with file and entry', () => {
    copy.edit('content/answers/benefits.yaml', (t) =>
      t.replace(/(- id: benefit-relaxation\n\s+)title:/, '$1titel:'),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /CONTENT_INVALID: content\/answers\/benefits\.yaml, entry "benefit-relaxation"/,
    );
  });

  it('reports a follow-up that does not exist', () => {
    copy.edit('content/answers/benefits.yaml', (t) =>
      t.replace(/followUps: \[[^\]]*\]/, 'followUps: [no-such-topic]'),
    );
    expect(() => loadContent(copy.paths)).toThrow(/follow-up "no-such-topic" does not exist/);
  });

  it('reports a question listed under two topics', () => {
    const content = loadContent(copy.paths);
    const stolen = content.answers.find((a) => a.id === 'benefits')!.questions[0]!;
    copy.edit('content/answers/anatomy.yaml', (t) =>
      t.replace(/questions:\n/, `questions:\n      - "${stolen}"\n`),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /CONTENT_INCONSISTENT: content\/answers\/(benefits|anatomy)\.yaml, entry "(benefits|anatomy-muscles)": question .* is also under "(benefits|anatomy-muscles)"/,
    );
  });

  it('reports a missing required topic', () => {
    rmSync(join(copy.paths.content, 'answers', 'anatomy.yaml'));
    expect(() => loadContent(copy.paths)).toThrow(
      /entry "anatomy-muscles": required topic is missing/,
    );
  });

  it('reports speech that is too long', () => {
    copy.edit('content/safety/responses.yaml', (t) =>
      t.replace(
        /(- id: precaution-dizziness[\s\S]*?speech: >-\n)/,
        `$1${'      very long speech indeed\n'.repeat(30)}`,
      ),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /entry "precaution-dizziness": speech has \d+ words/,
    );
  });

  it('reports an answer that offers a routine and asks a question of its own', () => {
    copy.edit('content/answers/techniques.yaml', (t) =>
      t.replace(
        /(- id: technique-kneading[\s\S]*?speech: >-\n)/,
        '$1      Shall we do it together?\n',
      ),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /entry "technique-kneading": an answer that offers a routine must not ask/,
    );
  });

  it('reports a routine whose id is not its file name', () => {
    copy.edit('content/routines/kneading.yaml', (t) =>
      t.replace(/^id: kneading/m, 'id: kneading-two'),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /content\/routines\/kneading\.yaml, entry "kneading-two"/,
    );
  });

  it('reports a sample utterance under two intents', () => {
    copy.edit('intents/en/navigation.yaml', (t) =>
      t.replace(/samples:\n/, 'samples:\n      - thank you\n'),
    );
    expect(() => loadContent(copy.paths)).toThrow(/sample "thank you" is also under/);
  });

  it('reports a routine need that names no routine', () => {
    copy.edit('content/routine-needs.yaml', (t) =>
      t.replace('- routine: massage-ball', '- routine: foam-roller'),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /CONTENT_INCONSISTENT: content\/routine-needs\.yaml, entry "foam-roller": routine "foam-roller" does not exist/,
    );
  });

  it('reports a routine need without words, with file and entry', () => {
    copy.edit('content/routine-needs.yaml', (t) =>
      t.replace(
        /- routine: circular-friction\n\s+words:\n(\s+- .*\n)+/,
        '- routine: circular-friction\n    words: []\n',
      ),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /CONTENT_INVALID: content\/routine-needs\.yaml, entry "circular-friction": words: needs at least one word/,
    );
  });

  it('reports a need word that signals two routines', () => {
    copy.edit('content/routine-needs.yaml', (t) =>
      t.replace(/(- routine: massage-ball\n\s+words:\n)/, '$1      - Desk\n'),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /content\/routine-needs\.yaml, entry "massage-ball": word "Desk" is also under "neck-stretches"/,
    );
  });

  it('reports a routine listed twice in routine-needs.yaml', () => {
    copy.edit(
      'content/routine-needs.yaml',
      (t) => `${t}\n  - routine: kneading\n    words: [gentle strokes]\n`,
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /routine-needs\.yaml, entry "kneading": routine is listed twice/,
    );
  });

  it('reports a small-talk intent whose id is not in the contract', () => {
    copy.edit('intents/en/smalltalk.yaml', (t) =>
      t.replace('- id: about-coach', '- id: about-bot'),
    );
    expect(() => loadContent(copy.paths)).toThrow(
      /CONTENT_INCONSISTENT: intents\/en, entry "about-bot": not a small-talk id/,
    );
  });

  describe('routine help', () => {
    const questions = [
      'how far should i tilt',
      'should my ear touch my shoulder',
      'is a little way enough',
      'do i pull with my hand',
      'how low should my head go',
      'what if i cannot reach',
    ];
    const goodText =
      'Only as far as a mild, comfortable stretch. Your ear does not need to reach your shoulder, so never force it.';
    const goodSpeech =
      'Only as far as a mild, comfortable stretch. Your ear does not need to reach your shoulder.';
    interface Entry {
      about?: string;
      questions?: string[];
      text?: string;
      speech?: string;
    }
    const yamlOf = (entries: Entry[], indent: number) => {
      const pad = ' '.repeat(indent);
      const lines = [`${pad}help:`];
      for (const e of entries) {
        lines.push(`${pad}  - about: ${e.about ?? 'how-far'}`, `${pad}    questions:`);
        for (const q of e.questions ?? questions) lines.push(`${pad}      - ${JSON.stringify(q)}`);
        lines.push(`${pad}    text: ${JSON.stringify(e.text ?? goodText)}`);
        lines.push(`${pad}    speech: ${JSON.stringify(e.speech ?? goodSpeech)}`);
      }
      return `${lines.join('\n')}\n`;
    };
    /** Replaces the help of step 2 of neck-stretches with the given entries. */
    const stepHelp = (entries: Entry[]) =>
      copy.edit('content/routines/neck-stretches.yaml', (t) =>
        t.replace(
          /( {4}reprompt: Ready for the other side\?\n)( {4}help:\n(?: {6}.*\n)*)?/,
          `$1${yamlOf(entries, 4)}`,
        ),
      );
    const routineHelp = (entries: Entry[]) =>
      copy.edit('content/routines/neck-stretches.yaml', (t) =>
        t.replace(/\nhelp:\n(?: {2}.*\n)*(?=wrapUp:)|\n(?=wrapUp:)/, `\n${yamlOf(entries, 0)}`),
      );
    const step2 =
      /CONTENT_INVALID: content\/routines\/neck-stretches\.yaml, entry "neck-stretches step 2 help how-far"/;

    it('accepts a well-formed step help entry', () => {
      stepHelp([{}]);
      const routine = loadContent(copy.paths).routines.find((r) => r.id === 'neck-stretches')!;
      expect(routine.steps[1]!.help).toEqual([
        { about: 'how-far', questions, text: goodText, speech: goodSpeech },
      ]);
    });

    it('reports help text outside 15-70 words, with the step and entry', () => {
      stepHelp([{ text: 'Only a little.' }]);
      expect(() => loadContent(copy.paths)).toThrow(step2);
      expect(() => loadContent(copy.paths)).toThrow(
        /steps\.1\.help\.0\.text: has 3 words; keep it between 15 and 70/,
      );
    });

    it('reports help speech outside 12-60 words', () => {
      stepHelp([
        { speech: `${goodSpeech} ${'And breathe slowly while you hold it there.'.repeat(8)}` },
      ]);
      expect(() => loadContent(copy.paths)).toThrow(
        /help\.0\.speech: has \d+ words; keep it between 12 and 60/,
      );
    });

    it('reports a help entry with fewer than 6 questions', () => {
      stepHelp([{ questions: questions.slice(0, 5) }]);
      expect(() => loadContent(copy.paths)).toThrow(step2);
      expect(() => loadContent(copy.paths)).toThrow(/questions: needs at least 6 questions/);
    });

    it('reports an empty help question', () => {
      stepHelp([{ questions: [...questions.slice(0, 5), '  '] }]);
      expect(() => loadContent(copy.paths)).toThrow(
        /help how-far".*questions\.5: must not be empty/,
      );
    });

    it('reports a help question with no words', () => {
      stepHelp([{ questions: [...questions.slice(0, 5), '??'] }]);
      expect(() => loadContent(copy.paths)).toThrow(
        /CONTENT_INCONSISTENT: content\/routines\/neck-stretches\.yaml, entry "neck-stretches step 2 help how-far": question "\?\?" has no words/,
      );
    });

    it('reports an `about` label used twice in one list', () => {
      stepHelp([{}, { questions: questions.map((q) => `${q} now`) }]);
      expect(() => loadContent(copy.paths)).toThrow(
        /entry "neck-stretches step 2 help how-far": steps\.1\.help\.1\.about: "how-far" is used twice/,
      );
    });

    it('reports an `about` label that is not kebab-case', () => {
      stepHelp([{ about: 'How_Far' }]);
      expect(() => loadContent(copy.paths)).toThrow(
        /entry "neck-stretches step 2 help How_Far": .*about: must be a lowercase-kebab id/,
      );
    });

    it('reports help speech with a symbol a speaker cannot say', () => {
      stepHelp([
        {
          speech:
            'Tilt only as far as feels fine, about 50% of the way, and never force it at all.',
        },
      ]);
      expect(() => loadContent(copy.paths)).toThrow(
        /entry "neck-stretches step 2 help how-far": speech contains a symbol/,
      );
    });

    it('reports help that ends with its own offer to go on', () => {
      stepHelp([{ text: `${goodText} Shall we carry on with the next step?` }]);
      expect(() => loadContent(copy.paths)).toThrow(
        /entry "neck-stretches step 2 help how-far": text ends with a question/,
      );
    });

    it('reports a question that leads to two help entries during one step', () => {
      routineHelp([{ about: 'tilting' }]);
      stepHelp([{}]);
      expect(() => loadContent(copy.paths)).toThrow(
        /entry "neck-stretches help tilting": question "how far should i tilt" is also under "neck-stretches step 2 help how-far"/,
      );
    });

    it('names the routine-level help entry when it is broken', () => {
      routineHelp([{ about: 'breathing', text: 'Breathe.' }]);
      expect(() => loadContent(copy.paths)).toThrow(
        /CONTENT_INVALID: content\/routines\/neck-stretches\.yaml, entry "neck-stretches help breathing": help\.0\.text: has 1 words/,
      );
    });
  });
});
