import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load';
import type { Problem } from '../../src/content/problems';
import { validateContent } from '../../src/content/semantic';
import { loadCommonWords } from '../../src/core/common-words';
import { ContentCopy } from '../helpers/content-copy';

const commonWords = loadCommonWords();
const cli = join(__dirname, '..', '..', 'dist', 'cli.js');

const where = (p: Problem) => `${p.severity} ${p.file} ${p.entry ?? '-'}: ${p.message}`;

describe('neckbot validate on the content as shipped', () => {
  const problems = validateContent(commonWords).list;

  it('finds no errors', () => {
    expect(problems.filter((p) => p.severity === 'error').map(where)).toEqual([]);
  });

  it('names the file and entry of every warning and note', () => {
    for (const p of problems) {
      expect(p.file).toMatch(/^(content|intents)\//);
      expect(p.entry).toBeTruthy();
    }
  });

  it('lists the keywords that override scope', () => {
    expect(problems.map(where)).toContainEqual(
      expect.stringMatching(
        /^info content\/answers\/anatomy\.yaml anatomy-muscles: scope overrides: .*"trapezius"/,
      ),
    );
  });
});

describe('neckbot validate on broken content reports every problem, not the first', () => {
  let copy: ContentCopy;
  beforeEach(() => {
    copy = new ContentCopy();
  });
  afterEach(() => copy.remove());

  const messages = () => validateContent(commonWords, copy.paths).list.map(where);

  it('reports schema problems in several files at once, each with file and entry', () => {
    copy.edit('content/answers/benefits.yaml', (t) =>
      t.replace(/(- id: benefit-relaxation\n\s+)title:/, '$1titel:'),
    );
    copy.edit('content/routines/kneading.yaml', (t) => t.replace(/^purpose:/m, 'porpose:'));
    copy.edit('content/language/en.yaml', (t) =>
      t.replace('openers: [hey, hi, hello, well,', 'openers: [hey, Hi, hello, well,'),
    );
    copy.edit('content/skill.yaml', (t) => t.replace('    - i {symptom}\n', '    - i feel\n'));
    const found = messages();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error content\/answers\/benefits\.yaml benefit-relaxation: /),
        expect.stringMatching(/^error content\/routines\/kneading\.yaml kneading: /),
        expect.stringMatching(
          /^error content\/language\/en\.yaml commands\.openers: commands\.openers\.1: must be one lower-case word/,
        ),
        expect.stringMatching(
          /^error content\/skill\.yaml model\.symptomCarriers: model\.symptomCarriers\.0: must contain \{symptom\}/,
        ),
      ]),
    );
    // The entries that failed their schema are not reported missing as well.
    expect(found.filter((m) => m.includes('required'))).toEqual([]);
  });

  it('reports cross-check problems of several files, and dead language entries as warnings', () => {
    copy.edit('content/answers/benefits.yaml', (t) =>
      t.replace(/followUps: \[[^\]]*\]/, 'followUps: [no-such-topic]'),
    );
    copy.edit('content/routines/kneading.yaml', (t) =>
      t.replace(/^names:\n/m, 'names:\n  - neck stretches\n'),
    );
    copy.edit('content/routines/scalp-massage.yaml', (t) =>
      t.replace(/^topic: .*$/m, 'topic: no-such-topic'),
    );
    copy.edit('content/routines/massage-ball.yaml', (t) =>
      t.replace(/^topic: .*$/m, 'topic: technique-kneading'),
    );
    copy.edit('content/language/en.yaml', (t) =>
      t.replace('openers: [hey, hi, hello, well,', 'openers: [hey, hi, hello, well, um, hello,'),
    );
    copy.edit('content/skill.yaml', (t) =>
      t.replace('Alexa, open neck massage coach', 'Alexa, open the coach'),
    );
    copy.edit('content/skill.yaml', (t) =>
      t.replace('general information, not medical', 'medical'),
    );
    const found = messages();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^error content\/answers\/benefits\.yaml \S+: follow-up "no-such-topic" does not exist/,
        ),
        'error content/routines/neck-stretches.yaml neck-stretches: name "neck stretches" is also used by "kneading"',
        'error content/routines/scalp-massage.yaml scalp-massage: topic "no-such-topic" does not exist',
        'error content/routines/massage-ball.yaml massage-ball: topic "technique-kneading" does not offer this routine',
        'warning content/language/en.yaml commands.openers: "um" can never match: normalize removes it',
        'warning content/language/en.yaml commands.openers: "hello" is listed twice',
        expect.stringMatching(
          /^error content\/skill\.yaml model\.examplePhrases: "Alexa, open the coach" does not say/,
        ),
        expect.stringMatching(/^error content\/skill\.yaml listing\.description: must say /),
      ]),
    );
  });

  it('reports content that does not route where it says', () => {
    copy.edit('content/prompts.yaml', (t) =>
      t.replace('value: start neck stretches', 'value: how long do neck stretches take'),
    );
    copy.edit('content/answers/benefits.yaml', (t) =>
      t.replace(
        /(- id: benefit-relaxation[\s\S]*?questions:\n)/,
        '$1      - which areas of the neck should I never press on\n',
      ),
    );
    copy.edit('content/routines/neck-stretches.yaml', (t) =>
      t.replace(/^names:\n/m, 'names:\n  - dizzy spell stretches\n'),
    );
    const found = messages();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^error content\/prompts\.yaml starters: Start neck stretches: "how long do neck stretches take" names routine "neck-stretches" but gets /,
        ),
        expect.stringMatching(
          /^error content\/answers\/benefits\.yaml benefit-relaxation: its suggestion "which areas of the neck should I never press on" .* gets answer\/areas-to-avoid/,
        ),
        expect.stringMatching(
          /^warning content\/routines\/neck-stretches\.yaml neck-stretches: name "dizzy spell stretches" fires safety/,
        ),
      ]),
    );
  });

  it('stops start-up with every error listed', () => {
    copy.edit('content/answers/benefits.yaml', (t) =>
      t.replace(/followUps: \[[^\]]*\]/, 'followUps: [no-such-topic]'),
    );
    copy.edit('content/routines/kneading.yaml', (t) => t.replace(/^purpose:/m, 'porpose:'));
    expect(() => loadContent(copy.paths)).toThrow(
      /^CONTENT_INVALID: content\/routines\/kneading\.yaml, entry "kneading": [\s\S]*2 more:\n[\s\S]*\n {2}error CONTENT_INCONSISTENT: content\/answers\/benefits\.yaml, entry "[^"]+": follow-up "no-such-topic" does not exist/,
    );
  });

  it('exits 1 from the command line and prints each problem', () => {
    copy.edit('content/routines/kneading.yaml', (t) => t.replace(/^purpose:/m, 'porpose:'));
    copy.edit('content/language/en.yaml', (t) => t.replace('  okayMeans: alright\n', ''));
    const out = spawnSync(
      process.execPath,
      [cli, 'validate', '--content', copy.paths.content, '--intents', copy.paths.intents],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(
      /^error CONTENT_INVALID: content\/routines\/kneading\.yaml, entry "kneading": /m,
    );
    expect(out.stdout).toMatch(
      /^error CONTENT_INVALID: content\/language\/en\.yaml, entry "terms\.okayMeans": /m,
    );
    // the routine's two schema issues, the language's one; nothing else
    expect(out.stdout).toMatch(/^3 errors, 0 warnings, 0 notes$/m);
  });

  it('exits 0 on the content as shipped', () => {
    const out = spawnSync(process.execPath, [cli, 'validate', '--json'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const { problems } = JSON.parse(out.stdout) as { problems: Problem[] };
    expect(problems.some((p) => p.severity === 'error')).toBe(false);
  });
});
