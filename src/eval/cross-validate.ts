import type { ContentBundle } from '../content/bundle';
import { Pipeline, type PipelineOptions } from '../core/pipeline';
import { evaluate, type EvalItem } from './evaluate';

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
 * Each fold is scored with `evaluate`, exactly like the eval splits. It measures how the matcher
 * generalises to unseen phrasings from ~1,400 lines, without touching the eval splits, so settings
 * and content can be compared on it before the dev split is consulted.
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
  const misses: CrossValidationReport['misses'] = [];
  for (let fold = 0; fold < folds; fold++) {
    const held: EvalItem[] = [];
    const keep = (text: string, i: number, expected: Pick<EvalItem, 'kind' | 'id'>) => {
      if (i % folds !== fold) return true;
      held.push({ text, ...expected });
      return false;
    };
    const trained: ContentBundle = {
      ...content,
      answers: content.answers.map((a) => ({
        ...a,
        questions: a.questions.filter((q, i) => keep(q, i, { kind: 'answer', id: a.id })),
      })),
      outOfScope: {
        ...content.outOfScope,
        questions: content.outOfScope.questions.filter((q, i) =>
          keep(q, i, { kind: 'fallback', id: 'fallback' }),
        ),
      },
    };
    const report = evaluate(new Pipeline(trained, commonWords, options), held);
    add(answers, report.answerTop1);
    add(outOfScope, report.outOfScopeRecall);
    for (const { item, got } of report.misses) {
      // An out-of-scope line answered with any fallback id still counts as reaching the fallback.
      if (item.kind === 'fallback' && got.kind === 'fallback') continue;
      misses.push({
        text: item.text,
        expected: item.id,
        got: got.kind === 'answer' ? got.id : got.kind,
      });
    }
  }
  const confusions = new Map<string, number>();
  for (const m of misses) {
    if (m.expected === 'fallback') continue;
    const pair = `${m.expected} -> ${m.got}`;
    confusions.set(pair, (confusions.get(pair) ?? 0) + 1);
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

function add(sum: { hit: number; total: number }, part: { hit: number; total: number }): void {
  sum.hit += part.hit;
  sum.total += part.total;
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
