import { loadContent } from '../../src/content/load';
import { loadCommonWords } from '../../src/core/common-words';
import { crossValidate, formatCrossValidation } from '../../src/eval/cross-validate';

/**
 * Generalisation floor of the matcher on phrasings it was not trained on, measured on the bank's
 * own examples (the eval splits are not involved). This release: 84.9% of 1,508 alternates and
 * 92.3% of 443 out-of-scope examples. The rate moves with the bank, not only with the matcher: the
 * 400 alternates added last (slang, third-person, rambling) are harder to hold out than the first
 * 1,108 (86.7% then), while every fixed eval split gained answers.
 */
const FLOORS = { answers: 0.84, outOfScope: 0.9 };

describe('cross-validation over the answer bank', () => {
  const content = loadContent();
  const common = loadCommonWords();
  const report = crossValidate(content, common, 5);

  it('holds out every alternate question and out-of-scope example exactly once', () => {
    const alternates = content.answers.reduce((n, a) => n + a.questions.length, 0);
    expect(report.answers.total).toBe(alternates);
    expect(report.outOfScope.total).toBe(content.outOfScope.questions.length);
    const missed = report.answers.total - report.answers.hit;
    expect(report.confusions.reduce((n, c) => n + c.count, 0)).toBe(missed);
    const oosMissed = report.outOfScope.total - report.outOfScope.hit;
    expect(report.misses).toHaveLength(missed + oosMissed);
  });

  it('trains each fold without its held-out lines', () => {
    // A phrasing whose only words appear nowhere else can be answered only if it was trained on.
    const planted = 'zorblaxian quimflat';
    const first = content.answers[0]!;
    const withPlanted = {
      ...content,
      answers: [
        { ...first, questions: [planted, ...first.questions] },
        ...content.answers.slice(1),
      ],
    };
    const r = crossValidate(withPlanted, common, 5);
    expect(r.misses).toContainEqual({ text: planted, expected: first.id, got: 'fallback' });
  });

  it('generalises to unseen phrasings at least as well as the floors', () => {
    const rate = (x: { hit: number; total: number }) => x.hit / x.total;
    if (rate(report.answers) < FLOORS.answers) console.log(formatCrossValidation(report));
    expect(rate(report.answers)).toBeGreaterThanOrEqual(FLOORS.answers);
    expect(rate(report.outOfScope)).toBeGreaterThanOrEqual(FLOORS.outOfScope);
  });

  it('refuses fewer than two folds', () => {
    expect(() => crossValidate(content, common, 1)).toThrow('folds must be an integer >= 2');
  });
});
