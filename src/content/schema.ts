import { z } from 'zod';
import { HELP_MIN_QUESTIONS, HELP_SPEECH_WORDS, HELP_TEXT_WORDS } from '../core/contract';

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
    /** The routine offered is the one content/routine-needs.yaml names for the question's words. */
    routineByNeed: z.boolean().optional(),
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

/** content/safety/net.yaml: the safety router's learned second net, its thresholds and templates. */
export const safetyNetSettingsSchema = z
  .object({
    /** The net adds a hit when the lexicon and the concepts found none and it scores `threshold`. */
    enabled: z.boolean(),
    threshold: z.number().gt(0).lt(1),
    /**
     * The least words of a message the net may fire on: a short message says too little for a
     * learned reading to stand alone ("and for headaches?"), so there it only gives the check.
     */
    minWords: z.number().int().min(1).max(20),
    /**
     * The net may fire only on a message that uses a word of the safety lexicon (not one of
     * `fallbackContextWords`); elsewhere it only gives the check.
     */
    needsLexiconWord: z.boolean().default(false),
    /** From `unsure.threshold` up to `threshold`: no hit, but a one-sentence safety check first. */
    unsure: z.object({ enabled: z.boolean(), threshold: z.number().gt(0).lt(1) }).strict(),
    /** Sentences a lexicon trigger or concept phrase is put into (`{x}`) to make training lines. */
    templates: z.array(z.string().regex(/\{x\}/, 'must contain {x}')).min(1),
    /** How many times each written statement counts in training (templates count once). */
    statementWeight: z.number().int().min(1).max(10),
    /** Training lines drawn from each concept's groups. */
    conceptSamples: z.number().int().min(0).max(500),
    /** Ordinary reasons to want a massage, put into the same templates as negatives. */
    ordinary: z.array(nonEmpty).min(1),
  })
  .strict()
  .refine((s) => s.unsure.threshold < s.threshold, {
    message: 'unsure.threshold must be below threshold',
  });

/** content/safety/net-examples.yaml: statements per family and decoys, written for the net. */
export const safetyNetExamplesSchema = z
  .object({
    statements: z.record(id, z.array(nonEmpty).min(40, 'needs at least 40 statements')),
    decoys: z.array(nonEmpty).min(40, 'needs at least 40 decoys'),
  })
  .strict();

/** Words as the validator counts them: whitespace-separated runs with a letter or digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

const words = (range: { min: number; max: number }) =>
  nonEmpty.superRefine((text, ctx) => {
    const n = countWords(text);
    if (n < range.min || n > range.max) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${n} words; keep it between ${range.min} and ${range.max}`,
      });
    }
  });

/** One answer to a question asked during a routine ("how far should I tilt?"). */
export const stepHelpSchema = z
  .object({
    /** A short kebab-case label, unique within its list. */
    about: id,
    questions: z
      .array(nonEmpty)
      .min(HELP_MIN_QUESTIONS, `needs at least ${HELP_MIN_QUESTIONS} questions`),
    text: words(HELP_TEXT_WORDS),
    speech: words(HELP_SPEECH_WORDS),
  })
  .strict();

const helpListSchema = z
  .array(stepHelpSchema)
  .min(1)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      if (seen.has(entry.about)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry.about}" is used twice`,
          path: [i, 'about'],
        });
      }
      seen.add(entry.about);
    });
  });

/** What a timed step asks for: keep still (hold), rest, or keep moving (keep-going). */
export const TIMED_KINDS = ['hold', 'rest', 'keep-going'] as const;

/**
 * A voice channel leads repetitions one at a time: each gets `pace` seconds of silence after its
 * count. Alexa plays one <break> of at most 10 s, so a repetition fits in one.
 */
export const MAX_REPETITION_PACE_SECONDS = 10;

const holdSchema = z.union([
  z
    .object({
      seconds: z.number().int().min(1).max(120),
      /** Default `hold`; a rest or a timed movement is spoken as such, never as "hold it there". */
      kind: z.enum(TIMED_KINDS).optional(),
    })
    .strict(),
  z
    .object({
      repetitions: z.number().int().min(1).max(50),
      unit: nonEmpty,
      /** Seconds one repetition takes, done slowly (a slow head circle is about 8). */
      pace: z.number().int().min(1).max(MAX_REPETITION_PACE_SECONDS),
    })
    .strict(),
]);

export const routineStepSchema = z
  .object({
    title: nonEmpty,
    text: nonEmpty,
    speech: nonEmpty,
    hold: holdSchema.optional(),
    reprompt: nonEmpty,
    /** Questions people ask during this step, and their answers. */
    help: helpListSchema.optional(),
  })
  .strict();

export const routineSchema = z
  .object({
    id,
    title: nonEmpty,
    purpose: nonEmpty,
    /** The answer that teaches this routine: what "what is this good for?" during it answers. */
    topic: id,
    names: z.array(nonEmpty).min(1),
    safetyNote: nonEmpty,
    steps: z.array(routineStepSchema).min(4, 'needs 4-8 steps').max(8, 'needs 4-8 steps'),
    /** Questions that apply to any step of this routine (breathing, clicks, how many steps). */
    help: helpListSchema.optional(),
    wrapUp: textAndSpeech,
  })
  .strict();

/** content/routine-needs.yaml: words that signal a need, and the routine that suits it. */
export const routineNeedSchema = z
  .object({
    routine: id,
    words: z.array(nonEmpty).min(1, 'needs at least one word'),
  })
  .strict();

export const routineNeedsFileSchema = z.object({ needs: z.array(z.unknown()).min(1) }).strict();

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
    kind: z.enum(['navigation', 'smalltalk', 'confirm', 'follow-up', 'routine']),
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
export type SafetyNetSettings = z.infer<typeof safetyNetSettingsSchema>;
export type SafetyNetExamples = z.infer<typeof safetyNetExamplesSchema>;
export type Routine = z.infer<typeof routineSchema>;
export type RoutineStep = z.infer<typeof routineStepSchema>;
export type RoutineNeed = z.infer<typeof routineNeedSchema>;
export type StepHelp = z.infer<typeof stepHelpSchema>;
export type TextAndSpeech = z.infer<typeof textAndSpeech>;
export type Intent = z.infer<typeof intentSchema>;

/** A list of words: a YAML list, or one string of words separated by spaces. */
const wordList = z
  .union([z.array(nonEmpty), nonEmpty])
  .transform((v) => (typeof v === 'string' ? v.trim().split(/\s+/) : v))
  .pipe(z.array(z.string().regex(/^[a-z0-9']+$/, 'must be one lower-case word')).min(1));
const phraseList = z.array(
  z.string().regex(/^[a-z0-9']+( [a-z0-9']+)*$/, 'must be lower-case words separated by spaces'),
);
const oneWord = z.string().regex(/^[a-z0-9']+$/, 'must be one lower-case word');

export const languageFileSchema = z
  .object({
    normalize: z
      .object({
        contractions: z.record(
          z.string().regex(/^[a-z']+$/, 'must be one lower-case word'),
          nonEmpty,
        ),
        fillers: wordList,
        fillerPhrases: phraseList,
        mishearings: z.array(
          z
            .object({
              heard: z
                .string()
                .regex(/^[a-z]+( [a-z]+)*\*?$/, 'must be lower-case words, optionally ending in *'),
              means: z.string().regex(/^[a-z]+( [a-z]+)*$/, 'must be lower-case words'),
            })
            .strict(),
        ),
        numbers: z.record(oneWord, z.number().int().min(0).max(999)),
      })
      .strict(),
    terms: z
      .object({
        stopWords: wordList,
        requestVerb: oneWord,
        requestObjects: wordList,
        okayWords: wordList,
        okayMeans: oneWord,
        beforeJudgement: wordList,
        afterJudgement: wordList,
        yesNoOpeners: wordList,
      })
      .strict(),
    safety: z
      .object({
        questionStarts: wordList,
        negations: wordList,
        negationsBeforeOnly: wordList,
        conditionals: wordList,
        cleared: z.array(z.string().min(1)),
        clearableFamilies: z.array(id),
        stillWords: wordList,
      })
      .strict(),
    commands: z
      .object({
        leadingExtras: wordList,
        trailingExtras: wordList,
        politeTail: wordList,
        openers: wordList,
        socialWords: wordList,
        lastStep: wordList,
        oneAfter: wordList,
        stepMoves: phraseList,
        stepWords: wordList,
      })
      .strict(),
    dialogue: z
      .object({
        questionWords: wordList,
        joiners: wordList,
        subject: wordList,
        discourseMarkers: wordList,
        deferrals: phraseList,
        somethingToDo: phraseList,
        requestOpeners: wordList,
      })
      .strict(),
    routines: z
      .object({
        namePadding: wordList,
        startCues: wordList,
        switchCues: wordList,
        through: oneWord,
        throughAfter: wordList,
        afterNameCues: wordList,
        nameAloneExtras: wordList,
        nameRequests: wordList,
        shortNameTails: wordList,
        politeRequests: wordList,
        cueWordsBefore: wordList,
        cuePhrases: phraseList,
        questionStarts: wordList,
        suggestionOpeners: phraseList,
        suggestion: z
          .string()
          .regex(/^[a-z' {}]+$/, 'must be lower-case words and {routine}')
          .refine((s) => s.includes('{routine}'), 'must contain {routine}'),
      })
      .strict(),
    fallbackContextWords: wordList,
  })
  .strict();

const carrier = (slot: string) =>
  z
    .string()
    .regex(/^[a-z' {}]+$/, 'must be lower-case words and a {slot}')
    .refine((s) => s.includes(`{${slot}}`), `must contain {${slot}}`);

export const skillFileSchema = z
  .object({
    invocation: z
      .object({
        names: phraseList.min(1),
        wakeWords: wordList,
        verbs: phraseList.min(1),
        articles: wordList,
        requestLinks: wordList,
        bareMeans: z.string().regex(/^[a-z]+( [a-z]+)*$/, 'must be lower-case words'),
      })
      .strict(),
    model: z
      .object({
        questionCarriers: z.array(carrier('query')).min(1),
        questionTails: z.array(carrier('query')),
        questionWordLinks: z.array(
          z.string().regex(/^([a-z]+ )*$/, 'must be words each followed by a space'),
        ),
        symptomCarriers: z.array(carrier('symptom')).min(1),
        routineNameFrames: z.array(carrier('routine')).min(1),
        spokenContractions: z.array(
          z.string().regex(/^[a-z]+'[a-z]+$/, 'must be a contraction with an apostrophe'),
        ),
        examplePhrases: z.array(nonEmpty).min(1).max(3),
      })
      .strict(),
    listing: z
      .object({
        name: nonEmpty,
        summary: nonEmpty,
        description: nonEmpty,
        keywords: z.array(nonEmpty).min(1),
      })
      .strict(),
  })
  .strict();

export type LanguageData = z.infer<typeof languageFileSchema>;
export type SkillData = z.infer<typeof skillFileSchema>;
