import { z } from 'zod';
import type { MatcherSettings } from '../core/matcher';

/**
 * content/nlu.yaml: the matcher's components in order, their settings, the decision thresholds and
 * the calibration. The order is fixed by the code; the file says which components run and how.
 */
const share = z.number().min(0).max(1);
const componentSchemas = {
  speller: z.object({ name: z.literal('speller'), enabled: z.boolean() }).strict(),
  synonyms: z.object({ name: z.literal('synonyms'), enabled: z.boolean() }).strict(),
  'lexical-bridge': z.object({ name: z.literal('lexical-bridge'), enabled: z.boolean() }).strict(),
  'unknown-words': z
    .object({ name: z.literal('unknown-words'), weight: z.number().min(0) })
    .strict(),
  'naive-bayes': z.object({ name: z.literal('naive-bayes'), share }).strict(),
  'cosine-blend': z.object({ name: z.literal('cosine-blend'), classifierShare: share }).strict(),
  'answer-only-keywords': z
    .object({ name: z.literal('answer-only-keywords'), enabled: z.boolean() })
    .strict(),
  'out-of-scope-keywords': z
    .object({ name: z.literal('out-of-scope-keywords'), factor: share })
    .strict(),
} as const;

export const COMPONENT_ORDER = Object.keys(componentSchemas) as Array<
  keyof typeof componentSchemas
>;

export const nluFileSchema = z
  .object({
    components: z.array(z.object({ name: z.string() }).passthrough()),
    decision: z.object({ answerConfidence: share, clarifyConfidence: share }).strict(),
    calibration: z.object({ bias: z.number(), score: z.number(), lead: z.number() }).strict(),
  })
  .strict();

type Component = z.infer<(typeof componentSchemas)[keyof typeof componentSchemas]>;

/**
 * The settings, or the first problem as [entry, message]: an unknown or repeated component, one
 * out of order or missing, or a setting of the wrong type.
 */
export function nluSettingsOf(
  file: z.infer<typeof nluFileSchema>,
): { settings: MatcherSettings } | { entry: string; message: string } {
  const byName = new Map<string, Component>();
  let previous = -1;
  for (const [i, raw] of file.components.entries()) {
    const entry = `components.${i} (${raw.name})`;
    const at = COMPONENT_ORDER.indexOf(raw.name as (typeof COMPONENT_ORDER)[number]);
    if (at < 0)
      return { entry, message: `unknown component; known: ${COMPONENT_ORDER.join(', ')}` };
    if (byName.has(raw.name)) return { entry, message: 'component named twice' };
    if (at < previous)
      return { entry, message: `out of order; the order is ${COMPONENT_ORDER.join(', ')}` };
    previous = at;
    const parsed = componentSchemas[raw.name as keyof typeof componentSchemas].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { entry, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
    }
    byName.set(raw.name, parsed.data);
  }
  const missing = COMPONENT_ORDER.filter((n) => !byName.has(n));
  if (missing.length > 0)
    return { entry: 'components', message: `missing component(s): ${missing.join(', ')}` };
  const get = <N extends keyof typeof componentSchemas>(name: N) =>
    byName.get(name) as z.infer<(typeof componentSchemas)[N]>;
  return {
    settings: {
      answerConfidence: file.decision.answerConfidence,
      clarifyConfidence: file.decision.clarifyConfidence,
      speller: get('speller').enabled,
      synonyms: get('synonyms').enabled,
      lexicalBridge: get('lexical-bridge').enabled,
      unknownWeight: get('unknown-words').weight,
      naiveBayesShare: get('naive-bayes').share,
      classifierShare: get('cosine-blend').classifierShare,
      answerOnlyKeywords: get('answer-only-keywords').enabled,
      outOfScopeKeywordFactor: get('out-of-scope-keywords').factor,
      calibration: { ...file.calibration },
    },
  };
}

/** Rewrites the values of content/nlu.yaml in place, keeping its comments and layout. */
export function withNluSettings(text: string, s: MatcherSettings): string {
  const values: Record<string, Record<string, number | boolean>> = {
    speller: { enabled: s.speller },
    synonyms: { enabled: s.synonyms },
    'lexical-bridge': { enabled: s.lexicalBridge },
    'unknown-words': { weight: s.unknownWeight },
    'naive-bayes': { share: s.naiveBayesShare },
    'cosine-blend': { classifierShare: s.classifierShare },
    'answer-only-keywords': { enabled: s.answerOnlyKeywords },
    'out-of-scope-keywords': { factor: s.outOfScopeKeywordFactor },
    decision: { answerConfidence: s.answerConfidence, clarifyConfidence: s.clarifyConfidence },
    calibration: { ...s.calibration },
  };
  let section: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const head = /^(?:\s*- name: ([\w-]+)|(\w+):\s*)$/.exec(line);
      if (head) section = head[1] ?? head[2];
      const setting = /^(\s+)(\w+): (.+)$/.exec(line);
      const value = section && setting ? values[section]?.[setting[2]!] : undefined;
      return value === undefined ? line : `${setting![1]}${setting![2]}: ${String(value)}`;
    })
    .join('\n');
}
