import type { ContentBundle } from '../content/bundle';
import { Pipeline, type PipelineOptions } from '../core/pipeline';
import { emptySession } from '../core/session';
import { textTurn } from '../core/turn';

export interface CrossValidationReport {
  folds: number;
  /** Held-out alternate questions answered with their own topic. */
  answers: { hit: number; total: number };
  /** Held-out out-of-scope examples that reached the fallback. */
  outOfScope: { hit: number; total: number };
  /** "expected -> got" for the held-out questions that missed, most frequent first. */
  confusions: Array<{ pair: string; count: number }>;
  /** Every held-out line that missed (bank content, not eval data, so fine to read and fix). */
  misses: Array<{ text: string; expected: string; got: string }>;
}

/**
 * K-fold cross-validation over the answer bank's own examples: every alternate question and every
 * out-of-scope example is held out once, the matcher is trained on the rest (answer texts, keywords
 * and synonyms stay), and the held-out line is classified as the first turn of a conversation.
 * It measures how the matcher generalises to unseen phrasings from ~1,400 lines, without touching
 * the eval splits, so settings and content can be compared on it before the dev split is consulted.
 */
export function crossValidate(
  content: ContentBundle,
  commonWords: ReadonlySet<string>,
  folds = 5,
  options: PipelineOptions = {},
): CrossValidationReport {
  if (!Number.isInteger(folds) || folds < 2) throw new Error('folds must be an integer >= 2');
  const answers = { hit: 0, total: 0 };
  const outOfScope = { hit: 0, total: 0 };
  const confusions = new Map<string, number>();
  const misses: CrossValidationReport['misses'] = [];
  const inFold = (i: number, fold: number) => i % folds === fold;
  for (let fold = 0; fold < folds; fold++) {
    const heldAnswers: Array<{ text: string; id: string }> = [];
    const trained: ContentBundle = {
      ...content,
      answers: content.answers.map((a) => ({
        ...a,
        questions: a.questions.filter((text, i) => {
          if (!inFold(i, fold)) return true;
          heldAnswers.push({ text, id: a.id });
          return false;
        }),
      })),
      outOfScope: {
        ...content.outOfScope,
        questions: content.outOfScope.questions.filter((_, i) => !inFold(i, fold)),
      },
    };
    const pipeline = new Pipeline(trained, commonWords, options);
    const outcomeOf = (text: string) =>
      pipeline.respond(textTurn(text, { channel: 'eval' }), emptySession()).reply.outcome;
    for (const { text, id } of heldAnswers) {
      const got = outcomeOf(text);
      answers.total++;
      if (got.kind === 'answer' && got.id === id) answers.hit++;
      else {
        const gotId = got.kind === 'answer' ? got.id : got.kind;
        confusions.set(`${id} -> ${gotId}`, (confusions.get(`${id} -> ${gotId}`) ?? 0) + 1);
        misses.push({ text, expected: id, got: gotId });
      }
    }
    content.outOfScope.questions.forEach((text, i) => {
      if (!inFold(i, fold)) return;
      outOfScope.total++;
      const got = outcomeOf(text);
      if (got.kind === 'fallback') outOfScope.hit++;
      else
        misses.push({ text, expected: 'fallback', got: got.kind === 'answer' ? got.id : got.kind });
    });
  }
  return {
    folds,
    answers,
    outOfScope,
    confusions: [...confusions]
      .map(([pair, count]) => ({ pair, count }))
      .sort((a, b) => b.count - a.count || a.pair.localeCompare(b.pair)),
    misses,
  };
}

export function formatCrossValidation(
  report: CrossValidationReport,
  { top = 15, misses = false }: { top?: number; misses?: boolean } = {},
): string {
  const pct = ({ hit, total }: { hit: number; total: number }) =>
    `${((hit / Math.max(total, 1)) * 100).toFixed(1)}% (${hit}/${total})`;
  return [
    `== ${report.folds}-fold cross-validation over the answer bank's own examples`,
    `  held-out alternates answered right  ${pct(report.answers)}`,
    `  held-out out-of-scope to fallback   ${pct(report.outOfScope)}`,
    `  most frequent confusions (expected -> got):`,
    ...report.confusions.slice(0, top).map((c) => `    ${String(c.count).padStart(3)}  ${c.pair}`),
    ...(misses
      ? [
          `  held-out lines that missed (${report.misses.length}):`,
          ...report.misses.map((m) => `    expected ${m.expected}, got ${m.got}: ${m.text}`),
        ]
      : []),
  ].join('\n');
}
