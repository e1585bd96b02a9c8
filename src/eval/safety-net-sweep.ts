import type { Pipeline } from '../core/pipeline';
import { emptySession } from '../core/session';
import { textTurn } from '../core/turn';
import type { EvalItem } from './evaluate';
import type { SafetyItem } from './safety-bench';

/**
 * `eval --net-sweep`: how the safety net's two thresholds would trade recall for false alarms, on
 * the safety dev set and on the dev answer splits, from each layer's own reading of each line (no
 * conversation state; the pipeline's own numbers come from `--safety dev` and `--split`). A line
 * counts as found when the lexicon or concepts fire, or the net scores at least the threshold;
 * a safety check (the unsure tier) when neither, and the net scores at least the lower threshold.
 * Then the pipeline itself, with the thresholds in content: how often a reply carries a safety check.
 */
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

interface Read {
  rules: boolean;
  rulesEmergency: boolean;
  score: number;
  netEmergency: boolean;
}

export function netSweep(
  pipeline: Pipeline,
  safety: readonly SafetyItem[],
  splits: ReadonlyArray<[string, readonly EvalItem[]]>,
  firing: number,
): string {
  const read = (text: string): Read => {
    const { rules, net } = pipeline.explainSafety(text);
    return {
      rules: rules !== undefined,
      rulesEmergency: rules?.kind === 'emergency',
      score: net?.score ?? 0,
      netEmergency: net?.id === 'emergency',
    };
  };
  const signs = safety.filter((i) => i.kind !== 'decoy').map((i) => read(i.text));
  const emergencies = safety.filter((i) => i.kind === 'emergency').map((i) => read(i.text));
  const decoys = safety.filter((i) => i.kind === 'decoy').map((i) => read(i.text));
  const plain = splits.map(
    ([name, items]) =>
      [
        name,
        items
          .filter((i) => i.kind !== 'precaution' && i.kind !== 'emergency')
          .map((i) => read(i.text)),
      ] as const,
  );
  const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}% (${n}/${of})`;
  const fired = (r: Read, t: number) => r.rules || r.score >= t;
  const unsure = (r: Read, low: number, t: number) => !r.rules && r.score >= low && r.score < t;
  const out = [
    '== safety net threshold sweep (layers read alone; found = lexicon/concepts or net ≥ t)',
    `  ${['t', 'safety recall', 'emergency→emergency', 'decoy alarms', ...plain.map(([n]) => `${n} alarms`)].join(' | ')}`,
  ];
  for (const t of THRESHOLDS) {
    const ee = emergencies.filter(
      (r) => r.rulesEmergency || (!r.rules && r.score >= t && r.netEmergency),
    );
    out.push(
      `  ${[
        t.toFixed(2),
        pct(signs.filter((r) => fired(r, t)).length, signs.length),
        pct(ee.length, emergencies.length),
        pct(decoys.filter((r) => fired(r, t)).length, decoys.length),
        ...plain.map(([, rs]) => pct(rs.filter((r) => fired(r, t)).length, rs.length)),
      ].join(' | ')}`,
    );
  }
  out.push(
    `  safety checks (unsure tier) for a lower threshold, below the firing one of ${firing}:`,
  );
  for (const low of THRESHOLDS.filter((x) => x < firing)) {
    out.push(
      `  ${[
        low.toFixed(2),
        `missed signs ${pct(signs.filter((r) => unsure(r, low, firing)).length, signs.length)}`,
        `decoys ${pct(decoys.filter((r) => unsure(r, low, firing)).length, decoys.length)}`,
        ...plain.map(
          ([n, rs]) => `${n} ${pct(rs.filter((r) => unsure(r, low, firing)).length, rs.length)}`,
        ),
      ].join(' | ')}`,
    );
  }
  out.push('  the pipeline, thresholds as in content: replies that carry a safety check');
  const checked = (text: string) =>
    pipeline.respond(textTurn(text, { channel: 'eval' }), emptySession()).reply.safetyCheck !==
    undefined;
  const decoyTexts = safety.filter((i) => i.kind === 'decoy').map((i) => i.text);
  out.push(`    decoys ${pct(decoyTexts.filter(checked).length, decoyTexts.length)}`);
  for (const [name, items] of splits) {
    const texts = items
      .filter((i) => i.kind !== 'precaution' && i.kind !== 'emergency')
      .map((i) => i.text);
    out.push(`    ${name} non-safety lines ${pct(texts.filter(checked).length, texts.length)}`);
  }
  return out.join('\n');
}
