import { z } from 'zod';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase-kebab id');
const textAndSpeech = z.object({ text: nonEmpty, speech: nonEmpty }).strict();

export const answerSchema = z
  .object({
    id,
    title: nonEmpty,
    section: nonEmpty,
    text: nonEmpty,
    speech: nonEmpty,
    questions: z.array(nonEmpty).min(8, 'needs at least 8 alternate questions'),
    keywords: z.array(nonEmpty).min(1).max(12),
    followUps: z.array(id).max(3, 'at most 3 follow-ups').default([]),
    routine: id.optional(),
  })
  .strict();

export const answerFileSchema = z.object({ answers: z.array(z.unknown()).min(1) }).strict();

export const safetyResponseSchema = z
  .object({
    id,
    title: nonEmpty,
    /** How a later reminder names it ("an injury"): never the person's own words. */
    mention: nonEmpty,
    text: nonEmpty,
    speech: nonEmpty,
    ifAsked: textAndSpeech,
  })
  .strict();

export const safetyResponseFileSchema = z
  .object({ responses: z.array(z.unknown()).min(1) })
  .strict();

export const lexiconTierSchema = z
  .object({
    id,
    triggers: z.array(nonEmpty).min(1),
    except: z
      .array(nonEmpty)
      .nullish()
      .transform((v) => v ?? []),
  })
  .strict();

export const lexiconFileSchema = z.object({ tiers: z.array(z.unknown()).min(1) }).strict();

export const safetyConceptSchema = z
  .object({
    id,
    name: nonEmpty,
    window: z.number().int().min(1).max(60),
    /** `routine`: applies only while a routine is in progress (what is said then is about it). */
    during: z.literal('routine').optional(),
    groups: z.array(z.array(nonEmpty).min(1)).min(1).max(4),
    except: z
      .array(nonEmpty)
      .nullish()
      .transform((v) => v ?? []),
    /** Phrases that, anywhere in the message, keep the concept from firing ("can massage ease…"). */
    unless: z
      .array(nonEmpty)
      .nullish()
      .transform((v) => v ?? []),
  })
  .strict();

export const conceptFileSchema = z.object({ concepts: z.array(z.unknown()).min(1) }).strict();

const holdSchema = z.union([
  z.object({ seconds: z.number().int().min(1).max(120) }).strict(),
  z.object({ repetitions: z.number().int().min(1).max(50), unit: nonEmpty }).strict(),
]);

export const routineStepSchema = z
  .object({
    title: nonEmpty,
    text: nonEmpty,
    speech: nonEmpty,
    hold: holdSchema.optional(),
    reprompt: nonEmpty,
  })
  .strict();

export const routineSchema = z
  .object({
    id,
    title: nonEmpty,
    purpose: nonEmpty,
    names: z.array(nonEmpty).min(1),
    safetyNote: nonEmpty,
    steps: z.array(routineStepSchema).min(4, 'needs 4-8 steps').max(8, 'needs 4-8 steps'),
    wrapUp: textAndSpeech,
  })
  .strict();

const suggestionSchema = z.object({ label: nonEmpty, value: nonEmpty }).strict();

export const LABEL_KEYS = [
  'next',
  'back',
  'repeat',
  'stop',
  'resume',
  'startOver',
  'yes',
  'no',
  'guideMe',
  'continue',
] as const;

export const promptsFileSchema = z
  .object({
    prompts: z.record(z.string(), textAndSpeech),
    labels: z
      .object(
        Object.fromEntries(LABEL_KEYS.map((k) => [k, nonEmpty])) as Record<
          (typeof LABEL_KEYS)[number],
          typeof nonEmpty
        >,
      )
      .strict(),
    starters: z.array(suggestionSchema).min(1).max(3),
  })
  .strict();

export type Labels = Record<(typeof LABEL_KEYS)[number], string>;
export type Starter = z.infer<typeof suggestionSchema>;

export const intentSchema = z
  .object({
    id,
    kind: z.enum(['navigation', 'smalltalk', 'confirm', 'routine']),
    samples: z.array(nonEmpty).min(1),
  })
  .strict();

export const intentFileSchema = z.object({ intents: z.array(z.unknown()).min(1) }).strict();

export const synonymsFileSchema = z
  .object({
    synonyms: z.array(z.object({ to: nonEmpty, from: z.array(nonEmpty).min(1) }).strict()).min(1),
  })
  .strict();

export const outOfScopeFileSchema = z
  .object({
    outOfScope: z
      .object({ keywords: z.array(nonEmpty).min(1), questions: z.array(nonEmpty).min(20) })
      .strict(),
  })
  .strict();

export type Synonym = z.infer<typeof synonymsFileSchema>['synonyms'][number];
export type OutOfScope = z.infer<typeof outOfScopeFileSchema>['outOfScope'];
export type Answer = z.infer<typeof answerSchema>;
export type SafetyResponse = z.infer<typeof safetyResponseSchema>;
export type LexiconTier = z.infer<typeof lexiconTierSchema>;
export type SafetyConcept = z.infer<typeof safetyConceptSchema>;
export type Routine = z.infer<typeof routineSchema>;
export type RoutineStep = z.infer<typeof routineStepSchema>;
export type TextAndSpeech = z.infer<typeof textAndSpeech>;
export type Intent = z.infer<typeof intentSchema>;
