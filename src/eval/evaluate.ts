import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Pipeline } from '../core/pipeline';
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '../core/reply';
import { emptySession } from '../core/session';
import { textTurn } from '../core/turn';

const itemSchema = z.object({
  text: z.string(),
  kind: z.enum(OUTCOME_KINDS),
  id: z.string(),
  style: z.string().optional(),
});

export type EvalItem = z.infer<typeof itemSchema>;

export function readEvalSet(file: string): EvalItem[] {
  return readJsonl(file, itemSchema);
}

/** Reads a JSON-lines file, each line checked against the schema; errors name the file and line. */
export function readJsonl<S extends z.ZodType>(file: string, schema: S): Array<z.infer<S>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return parsed.data;
    });
}

export interface Miss {
  item: EvalItem;
  got: Outcome;
}

export interface Rate {
  hit: number;
  total: number;
  rate: number;
}

export interface EvalReport {
  total: number;
  perKind: Record<string, Rate>;
  answerTop1: Rate;
  safetyRecall: Rate;
  safetyIdAccuracy: Rate;
  emergencyRecall: Rate;
  outOfScopeRecall: Rate;
  falseAlarms: Rate;
  misses: Miss[];
}

const SAFETY: ReadonlySet<OutcomeKind> = new Set(['precaution', 'emergency']);

export function rate(hit: number, total: number): Rate {
  return { hit, total, rate: total === 0 ? 1 : hit / total };
}

/** Classifies every item as the first turn of a fresh conversation, exactly like `neckbot classify`. */
export function evaluate(pipeline: Pipeline, items: readonly EvalItem[]): EvalReport {
  const kindCounts = new Map<string, { hit: number; total: number }>();
  const counters = {
    answer: [0, 0],
    safety: [0, 0],
    safetyId: [0, 0],
    emergency: [0, 0],
    oos: [0, 0],
    alarms: [0, 0],
  };
  const misses: Miss[] = [];
  for (const item of items) {
    const got = pipeline.respond(textTurn(item.text, { channel: 'eval' }), emptySession()).reply
      .outcome;
    const correct = got.kind === item.kind && got.id === item.id;
    const k = kindCounts.get(item.kind) ?? { hit: 0, total: 0 };
    k.total++;
    if (correct) k.hit++;
    kindCounts.set(item.kind, k);
    if (!correct) misses.push({ item, got });
    const expectSafety = SAFETY.has(item.kind);
    if (item.kind === 'answer') tally(counters.answer, correct);
    if (expectSafety) {
      tally(counters.safety, SAFETY.has(got.kind));
      tally(counters.safetyId, correct);
    }
    if (item.kind === 'emergency') tally(counters.emergency, got.kind === 'emergency');
    if (item.kind === 'fallback') tally(counters.oos, got.kind === 'fallback');
    if (!expectSafety) tally(counters.alarms, SAFETY.has(got.kind));
  }
  const r = (c: number[]) => rate(c[0]!, c[1]!);
  return {
    total: items.length,
    perKind: Object.fromEntries([...kindCounts].map(([kind, c]) => [kind, rate(c.hit, c.total)])),
    answerTop1: r(counters.answer),
    safetyRecall: r(counters.safety),
    safetyIdAccuracy: r(counters.safetyId),
    emergencyRecall: r(counters.emergency),
    outOfScopeRecall: r(counters.oos),
    falseAlarms: r(counters.alarms),
    misses,
  };
}

/** Counts one case into a [hits, total] counter. */
export function tally(counter: number[], ok: boolean): void {
  counter[1]!++;
  if (ok) counter[0]!++;
}

/** `misses: false` prints the totals only (a held-out split's lines are not for reading while tuning). */
export function formatReport(name: string, report: EvalReport, { misses = true } = {}): string {
  const pct = (x: Rate) => `${(x.rate * 100).toFixed(1)}% (${x.hit}/${x.total})`;
  const lines = [
    `== ${name}: ${report.total} utterances`,
    ...Object.entries(report.perKind).map(([kind, x]) => `  ${kind.padEnd(11)} accuracy ${pct(x)}`),
    `  answer top-1        ${pct(report.answerTop1)}`,
    `  safety recall       ${pct(report.safetyRecall)}   (right id: ${pct(report.safetyIdAccuracy)})`,
    `  emergency recall    ${pct(report.emergencyRecall)}`,
    `  out-of-scope recall ${pct(report.outOfScopeRecall)}`,
    `  false alarms        ${pct(report.falseAlarms)} of non-safety utterances`,
  ];
  if (report.misses.length > 0 && !misses) {
    lines.push(
      `  misclassified: ${report.misses.length} (lines not shown: held out; --split ${name} shows them)`,
    );
  } else if (report.misses.length > 0) {
    lines.push(`  misclassified (${report.misses.length}):`);
    for (const m of report.misses) {
      lines.push(
        `    expected ${m.item.kind}/${m.item.id}, got ${m.got.kind}/${m.got.id} (${m.got.confidence}): ${m.item.text}`,
      );
    }
  }
  return lines.join('\n');
}
