import type { Pipeline } from '../core/pipeline';
import { evaluate, type EvalItem, type EvalReport, type Rate, rate } from './evaluate';

export interface VocabularyGapReport {
  /** Lines with at least one content word the bank's vocabulary does not know. */
  withUnknown: EvalReport;
  /** The other lines. */
  allKnown: EvalReport;
  /** The unknown words, most frequent first. */
  words: Array<{ word: string; count: number }>;
}

/**
 * The vocabulary gap: the eval lines split by whether they hold a content word the answer bank
 * never saw (after spelling correction and synonyms), each part scored like any split.
 */
export function vocabularyGap(pipeline: Pipeline, items: readonly EvalItem[]): VocabularyGapReport {
  const counts = new Map<string, number>();
  const withUnknown: EvalItem[] = [];
  const allKnown: EvalItem[] = [];
  for (const item of items) {
    const unknown = pipeline.unknownWords(item.text);
    for (const w of new Set(unknown)) counts.set(w, (counts.get(w) ?? 0) + 1);
    (unknown.length > 0 ? withUnknown : allKnown).push(item);
  }
  return {
    withUnknown: evaluate(pipeline, withUnknown),
    allKnown: evaluate(pipeline, allKnown),
    words: [...counts]
      .map(([word, count]) => ({ word, count }))
      .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word)),
  };
}

/** Every line right (any kind), as a rate. */
export function overall(report: EvalReport): Rate {
  return rate(report.total - report.misses.length, report.total);
}

export function formatVocabularyGap(report: VocabularyGapReport, { top = 40 } = {}): string {
  const pct = (x: Rate) => `${(x.rate * 100).toFixed(1)}% (${x.hit}/${x.total})`;
  const se = (x: Rate) =>
    (Math.sqrt((x.rate * (1 - x.rate)) / Math.max(x.total, 1)) * 100).toFixed(1);
  const row = (name: string, r: EvalReport) =>
    `  ${name.padEnd(28)} all kinds ${pct(overall(r))} ±${se(overall(r))}  answers ${pct(r.answerTop1)} ±${se(r.answerTop1)}  out of scope ${pct(r.outOfScopeRecall)}`;
  return [
    `== vocabulary gap: lines with a content word the bank never saw`,
    row('with an unknown word', report.withUnknown),
    row('every word known', report.allKnown),
    `  unknown words (lines): ${report.words
      .slice(0, top)
      .map((w) => `${w.word} ${w.count}`)
      .join(', ')}`,
  ].join('\n');
}
