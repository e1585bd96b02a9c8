import type { Pipeline } from '../core/pipeline';
import type { EvalItem } from './evaluate';

/**
 * Fits P(top answer is right) = logistic(bias + a*score + b*lead) by gradient descent over the
 * utterances the matcher sees (answers and out-of-scope lines of the dev split).
 */
export function fitCalibration(pipeline: Pipeline, items: readonly EvalItem[]) {
  const rows = items
    .filter((i) => i.kind === 'answer' || i.kind === 'fallback')
    .map((i) => {
      const m = pipeline.explainMatch(i.text);
      const top = m.candidates[0]?.id;
      return { x: [m.best, m.lead], y: i.kind === 'answer' && top === i.id ? 1 : 0 };
    });
  let w = [0, 0, 0];
  const rate = 0.5;
  for (let epoch = 0; epoch < 5000; epoch++) {
    const grad = [0, 0, 0];
    for (const { x, y } of rows) {
      const p = 1 / (1 + Math.exp(-(w[0]! + w[1]! * x[0]! + w[2]! * x[1]!)));
      grad[0]! += p - y;
      grad[1]! += (p - y) * x[0]!;
      grad[2]! += (p - y) * x[1]!;
    }
    w = w.map((v, k) => v - (rate * grad[k]!) / rows.length);
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return { bias: round(w[0]!), score: round(w[1]!), lead: round(w[2]!), rows: rows.length };
}
