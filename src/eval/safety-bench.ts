import { z } from 'zod';
import type { Pipeline } from '../core/pipeline';
import type { Outcome } from '../core/reply';
import { emptySession } from '../core/session';
import { textTurn } from '../core/turn';
import { rate, readJsonl, tally, type Rate } from './evaluate';

const rateOf = (c: number[]): Rate => rate(c[0]!, c[1]!);

/**
 * The safety benchmark (tests/eval/safety-*.jsonl): warning signs written blind, per family and
 * style, and ordinary "decoy" messages that must not fire the safety router. A safety line counts
 * as found when any precaution or emergency answers it; its id is reported apart.
 */
const itemSchema = z.discriminatedUnion('kind', [
  z.object({
    text: z.string().min(1),
    kind: z.enum(['precaution', 'emergency']),
    id: z.string().min(1),
    style: z.string().min(1),
  }),
  z.object({ text: z.string().min(1), kind: z.literal('decoy'), style: z.string().min(1) }),
]);

export type SafetyItem = z.infer<typeof itemSchema>;

export function readSafetySet(file: string): SafetyItem[] {
  return readJsonl(file, itemSchema);
}

export interface SafetyMiss {
  item: SafetyItem;
  got: Outcome;
}

export interface SafetyReport {
  recall: Rate;
  rightId: Rate;
  /** Emergency lines answered as an emergency. */
  emergencyAsEmergency: Rate;
  /** Emergency lines answered as an emergency or a precaution. */
  emergencyAsSafety: Rate;
  falseAlarms: Rate;
  /** Decoys answered with the unsure tier's safety check in front (no alarm, but a nudge). */
  decoyChecks: Rate;
  /** Warning signs no layer fired on that still got the safety check. */
  missedButChecked: Rate;
  byFamily: Map<string, Rate>;
  byStyle: Map<string, Rate>;
  misses: SafetyMiss[];
  alarms: SafetyMiss[];
}

const isSafety = (o: Outcome) => o.kind === 'precaution' || o.kind === 'emergency';

export function evaluateSafety(pipeline: Pipeline, items: readonly SafetyItem[]): SafetyReport {
  const c = {
    recall: [0, 0],
    id: [0, 0],
    ee: [0, 0],
    es: [0, 0],
    fa: [0, 0],
    dc: [0, 0],
    mc: [0, 0],
  };
  const family = new Map<string, number[]>();
  const style = new Map<string, number[]>();
  const misses: SafetyMiss[] = [];
  const alarms: SafetyMiss[] = [];
  for (const item of items) {
    const reply = pipeline.respond(textTurn(item.text, { channel: 'eval' }), emptySession()).reply;
    const got = reply.outcome;
    const checked = reply.safetyCheck !== undefined;
    if (item.kind === 'decoy') {
      tally(c.fa, isSafety(got));
      tally(c.dc, checked);
      if (isSafety(got)) alarms.push({ item, got });
      continue;
    }
    const found = isSafety(got);
    tally(c.recall, found);
    if (!found) tally(c.mc, checked);
    tally(c.id, got.id === item.id);
    if (item.kind === 'emergency') {
      tally(c.ee, got.kind === 'emergency');
      tally(c.es, found);
    }
    tally(bucket(family, item.id), found);
    tally(bucket(style, item.style), found);
    if (got.id !== item.id) misses.push({ item, got });
  }
  const rates = (m: Map<string, number[]>) =>
    new Map([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, rateOf(v)]));
  return {
    recall: rateOf(c.recall),
    rightId: rateOf(c.id),
    emergencyAsEmergency: rateOf(c.ee),
    emergencyAsSafety: rateOf(c.es),
    falseAlarms: rateOf(c.fa),
    decoyChecks: rateOf(c.dc),
    missedButChecked: rateOf(c.mc),
    byFamily: rates(family),
    byStyle: rates(style),
    misses,
    alarms,
  };
}

/** `lines: false` prints totals only (a held-out split's lines are not for reading). */
export function formatSafetyReport(name: string, r: SafetyReport, { lines = true } = {}): string {
  const pct = (x: Rate) => `${(x.rate * 100).toFixed(1)}% (${x.hit}/${x.total})`;
  const out = [
    `== safety benchmark ${name}`,
    `  safety recall            ${pct(r.recall)}   (right id: ${pct(r.rightId)})`,
    `  emergency → emergency    ${pct(r.emergencyAsEmergency)}`,
    `  emergency → any safety   ${pct(r.emergencyAsSafety)}`,
    `  false alarms on decoys   ${pct(r.falseAlarms)}`,
    `  safety check on decoys   ${pct(r.decoyChecks)}`,
    `  missed, but checked      ${pct(r.missedButChecked)}`,
    '  recall by family:',
    ...[...r.byFamily].map(([k, x]) => `    ${k.padEnd(34)} ${pct(x)}`),
    '  recall by style:',
    ...[...r.byStyle].map(([k, x]) => `    ${k.padEnd(34)} ${pct(x)}`),
  ];
  if (!lines) {
    out.push(
      `  (lines not shown: held out; ${r.misses.length} wrong id, ${r.alarms.length} alarms)`,
    );
    return out.join('\n');
  }
  out.push(`  missed or wrong id (${r.misses.length}):`);
  for (const m of r.misses) {
    out.push(
      `    expected ${m.item.kind === 'decoy' ? '' : m.item.id}, got ${m.got.kind}/${m.got.id}: ${m.item.text}`,
    );
  }
  out.push(`  false alarms (${r.alarms.length}):`);
  for (const m of r.alarms) out.push(`    got ${m.got.id}: ${m.item.text}`);
  return out.join('\n');
}

function bucket(m: Map<string, number[]>, key: string): number[] {
  let b = m.get(key);
  if (!b) m.set(key, (b = [0, 0]));
  return b;
}
