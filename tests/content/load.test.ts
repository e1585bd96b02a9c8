import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWER_TOPIC_IDS, ROUTINE_IDS, SAFETY_IDS, SPEECH_WORDS } from '../../src/core/contract';
import { loadContent } from '../../src/content/load';
import { wordCount } from '../../src/content/validate';
import { ContentCopy } from '../helpers/content-copy';

describe('content as shipped', () => {
  const content = loadContent();

  it('has every topic, precaution and routine of the contract', () => {
    expect(content.answers.map((a) => a.id).sort()).toEqual([...ANSWER_TOPIC_IDS].sort());
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
});
