import type { ContentBundle } from '../../content/bundle';
import type { Intent, Routine } from '../../content/schema';
import { languageOf } from '../../core/language';
import {
  BUILT_IN_INTENTS,
  CUSTOM_INTENTS,
  QUESTION_WORD_INTENTS,
  ROUTINE_SLOT_TYPE,
  SLOT,
  SMALLTALK_INTENTS,
} from './intent-names';

/**
 * The Alexa interaction model, generated from the content bundle and the intent contract in
 * intent-names.ts. `npm run build:model` writes it to skill-package/interactionModels/custom/.
 */

export const SEARCH_QUERY = 'AMAZON.SearchQuery';
export const NUMBER = 'AMAZON.NUMBER';
export const MAX_SAMPLE_LENGTH = 200;

export interface ModelSlot {
  name: string;
  type: string;
}

export interface ModelIntent {
  name: string;
  slots?: ModelSlot[];
  samples: string[];
}

export interface SlotTypeValue {
  id: string;
  name: { value: string; synonyms: string[] };
}

export interface SlotType {
  name: string;
  values: SlotTypeValue[];
}

export interface InteractionModel {
  interactionModel: {
    languageModel: { invocationName: string; intents: ModelIntent[]; types: SlotType[] };
  };
}

/** The Alexa invocation name: the first name of content/skill.yaml. */
export function invocationName(content: Pick<ContentBundle, 'skill'>): string {
  return content.skill.invocation.names[0] ?? '';
}

/**
 * intents/ spells contractions out ("let us do {routine}"), the form the core's normalizer folds
 * them into; people say the short form. The model lists each contraction of content/skill.yaml
 * (`spokenContractions`) with its apostrophe, as Alexa writes it, and without, as speech
 * transcripts often do, when the normalizer reads that spelling the same way ("lets" yes; "its",
 * "ill" and "were" are words of their own).
 */
export function spokenContractions(
  content: Pick<ContentBundle, 'skill' | 'language'>,
): ReadonlyArray<{ long: string; short: string[] }> {
  const language = languageOf(content);
  return content.skill.model.spokenContractions.map((short) => {
    const long = language.normalize(short).text;
    const bare = short.replace(/'/g, '');
    return { long, short: language.normalize(bare).text === long ? [short, bare] : [short] };
  });
}

/** The words of the routine-name frames (content/skill.yaml `routineNameFrames`). */
function frameWords(content: ContentBundle): Set<string> {
  return new Set(
    content.skill.model.routineNameFrames
      .flatMap((frame) => frame.split(' '))
      .filter((w) => !w.startsWith('{')),
  );
}

/** Content intent ids (intents/en/*.yaml) whose samples feed a custom intent. */
const CONTENT_INTENT = {
  startRoutine: 'start-routine',
  goToStep: 'go-to-step',
  stepsLeft: 'steps-left',
} as const;

/** Placeholders of intents/ samples renamed to the slot names of the model. */
const PLACEHOLDER_TO_SLOT: Record<string, string> = { n: SLOT.step, routine: SLOT.routine };

/**
 * Built-ins that take no extra samples: Fallback is Alexa's out-of-domain model; Stop means
 * "goodbye" to the core, whose samples are GoodbyeIntent's, so the routine's own stop words ("end
 * the routine") go to Cancel, which ends the routine.
 */
const NO_EXTRA_SAMPLES = new Set(['AMAZON.FallbackIntent', 'AMAZON.StopIntent']);

export function buildInteractionModel(content: ContentBundle, locale: string): InteractionModel {
  if (!/^en(-|$)/.test(locale)) throw new Error(`no interaction model for locale "${locale}"`);
  const claims = new SampleClaims(spokenContractions(content));
  const intents = [
    ...customIntents(content),
    ...smallTalkIntents(content),
    ...builtInIntents(content),
  ].map((intent) => ({
    ...intent,
    samples: claims.claim(intent),
  }));
  return {
    interactionModel: {
      languageModel: {
        invocationName: invocationName(content),
        intents,
        types: [routineSlotType(content.routines)],
      },
    },
  };
}

/**
 * The fixed carriers plus the opening word of every alternate question in the answer bank
 * ("neck {query}", "kneading {query}"): Alexa needs a carrier before a SearchQuery slot, and the
 * bank shows how people start their questions. Openings that carry meaning the slot would lose
 * (symptom carriers, "i", "my") are left to the symptom intent.
 */
function questionCarriers(content: ContentBundle): string[] {
  const { questionCarriers: carriers, questionTails, symptomCarriers } = content.skill.model;
  const taken = new Set(symptomCarriers.map((c) => c.split(' ')[0]));
  const openings = new Set<string>();
  for (const answer of content.answers) {
    for (const question of answer.questions) {
      const first = question.toLowerCase().match(/^[a-z]+/)?.[0];
      if (first && !taken.has(first)) openings.add(`${first} {query}`);
    }
  }
  return [...new Set([...carriers, ...[...openings].sort(), ...questionTails])];
}

function customIntents(content: ContentBundle): ModelIntent[] {
  const words = new Set(Object.values(QUESTION_WORD_INTENTS));
  const opensWithWord = (sample: string) => words.has(sample.split(' ')[0] ?? '');
  return [
    {
      name: CUSTOM_INTENTS.ask,
      slots: [{ name: SLOT.query, type: SEARCH_QUERY }],
      // the openings taken from the bank's questions include "when {query}" and the like
      samples: questionCarriers(content).filter((sample) => !opensWithWord(sample)),
    },
    ...Object.entries(QUESTION_WORD_INTENTS).map(([name, word]) => ({
      name,
      slots: [{ name: SLOT.query, type: SEARCH_QUERY }],
      samples: content.skill.model.questionWordLinks.map((link) => `${word} ${link}{query}`),
    })),
    {
      name: CUSTOM_INTENTS.symptom,
      slots: [{ name: SLOT.symptom, type: SEARCH_QUERY }],
      samples: content.skill.model.symptomCarriers,
    },
    {
      name: CUSTOM_INTENTS.startRoutine,
      slots: [{ name: SLOT.routine, type: ROUTINE_SLOT_TYPE }],
      samples: contentSamples(content, CONTENT_INTENT.startRoutine).flatMap((sample) =>
        framed(sample, content.skill.model.routineNameFrames, frameWords(content)),
      ),
    },
    {
      name: CUSTOM_INTENTS.goToStep,
      slots: [{ name: SLOT.step, type: NUMBER }],
      samples: contentSamples(content, CONTENT_INTENT.goToStep),
    },
    { name: CUSTOM_INTENTS.stepsLeft, samples: contentSamples(content, CONTENT_INTENT.stepsLeft) },
  ];
}

/** "start {routine}" in every routine-name frame, unless the sample frames it already. */
function framed(sample: string, frames: readonly string[], frameWords: Set<string>): string[] {
  const words = sample.split(' ');
  const at = words.indexOf(`{${SLOT.routine}}`);
  if (at < 0 || frameWords.has(words[at - 1] ?? '') || frameWords.has(words[at + 1] ?? '')) {
    return [sample];
  }
  return frames.map((frame) =>
    [
      ...words.slice(0, at),
      frame.replace('{routine}', `{${SLOT.routine}}`),
      ...words.slice(at + 1),
    ].join(' '),
  );
}

/** One intent per small-talk id of SMALLTALK_INTENTS, with that id's samples. */
function smallTalkIntents(content: ContentBundle): ModelIntent[] {
  return Object.entries(SMALLTALK_INTENTS).map(([name, coreId]) => ({
    name,
    samples: plainSamples(content, coreId),
  }));
}

/**
 * Every built-in of the contract; the first built-in for a core id also gets the samples of that id
 * in intents/ ("done" for AMAZON.NextIntent, "what are my options" for AMAZON.HelpIntent, "sure"
 * for AMAZON.YesIntent), except a sample that names another built-in ("cancel").
 */
function builtInIntents(content: ContentBundle): ModelIntent[] {
  const served = new Set<string>();
  return Object.entries(BUILT_IN_INTENTS).map(([name, coreId]) => {
    const extend = !NO_EXTRA_SAMPLES.has(name) && !served.has(coreId);
    served.add(coreId);
    const samples = extend ? plainSamples(content, coreId) : [];
    return { name, samples: samples.filter((s) => !namesOtherBuiltIn(s, name)) };
  });
}

/** The samples of a navigation, small-talk or yes/no intent that have no slot. */
function plainSamples(content: ContentBundle, coreId: string): string[] {
  const intent = content.intents.find((i) => i.id === coreId && i.kind !== 'routine');
  return (intent?.samples ?? []).filter((s) => !s.includes('{'));
}

/** "AMAZON.StartOverIntent" is said "start over". */
function spokenName(builtIn: string): string {
  return builtIn
    .replace(/^AMAZON\./, '')
    .replace(/Intent$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function namesOtherBuiltIn(sample: string, builtIn: string): boolean {
  return Object.keys(BUILT_IN_INTENTS).some(
    (other) => other !== builtIn && spokenName(other) === sample,
  );
}

function contentSamples(content: ContentBundle, id: string): string[] {
  const intent: Intent | undefined = content.intents.find((i) => i.id === id);
  if (!intent) throw new Error(`intents/: no intent "${id}" for the Alexa model`);
  return intent.samples.map(renamePlaceholders);
}

function renamePlaceholders(sample: string): string {
  return sample.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const slot = PLACEHOLDER_TO_SLOT[name];
    return slot === undefined ? whole : `{${slot}}`;
  });
}

/**
 * A sample as Alexa accepts it: lower case; letters, spaces, apostrophes, periods and {slot}.
 * Hyphens and slashes become spaces, other symbols go. A sample with digits is dropped (Alexa
 * wants numbers spelled out), as is one that ends up empty or too long.
 */
export function cleanSample(raw: string): string | undefined {
  if (/\d/.test(raw)) return undefined;
  const text = raw
    .toLowerCase()
    .replace(/[-_/]/g, ' ')
    .replace(/[^a-z .'{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 0 && text.length <= MAX_SAMPLE_LENGTH ? text : undefined;
}

/** The slot names a sample uses, in order. */
export function slotsOf(sample: string): string[] {
  return [...sample.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

/** A sample's shape with slot names blanked: "is it {query}" and "is it {symptom}" collide. */
export function sampleShape(sample: string): string {
  return sample.replace(/\{\w+\}/g, '{}');
}

/** Whether a sample is valid for its intent: declared slots only, no bare or double SearchQuery. */
export function sampleProblem(sample: string, slots: readonly ModelSlot[]): string | undefined {
  const used = slotsOf(sample);
  const undeclared = used.find((name) => !slots.some((s) => s.name === name));
  if (undeclared !== undefined) return `undeclared slot {${undeclared}}`;
  const searchSlots = used.filter((name) =>
    slots.some((s) => s.name === name && s.type === SEARCH_QUERY),
  );
  if (searchSlots.length > 1) return 'more than one AMAZON.SearchQuery slot';
  if (searchSlots.length === 1 && sample.replace(/\{\w+\}/g, '').trim() === '') {
    return 'an AMAZON.SearchQuery slot needs a carrier phrase';
  }
  return undefined;
}

/** A sample, then the same with each of the contractions said short. */
export function spokenForms(
  sample: string,
  contractions: ReadonlyArray<{ long: string; short: string[] }>,
): string[] {
  const forms = [sample];
  for (const { long, short } of contractions) {
    const said = new RegExp(`(^| )${long}(?= |$)`, 'g');
    for (const form of short) {
      const variant = sample.replace(said, `$1${form}`);
      if (variant !== sample) forms.push(variant);
    }
  }
  return forms;
}

/** Hands out each sample shape once across the whole model; the first intent to claim it wins. */
class SampleClaims {
  private readonly taken = new Set<string>();

  constructor(private readonly contractions: ReadonlyArray<{ long: string; short: string[] }>) {}

  claim(intent: ModelIntent): string[] {
    const out: string[] = [];
    for (const raw of intent.samples) {
      const clean = cleanSample(raw);
      for (const sample of clean === undefined ? [] : spokenForms(clean, this.contractions)) {
        if (sample.length > MAX_SAMPLE_LENGTH || sampleProblem(sample, intent.slots ?? []))
          continue;
        const shape = sampleShape(sample);
        if (this.taken.has(shape)) continue;
        this.taken.add(shape);
        out.push(sample);
      }
    }
    return out;
  }
}

/** ROUTINE_NAME: one value per routine, its id as the value (what the skill resolves to). */
function routineSlotType(routines: readonly Routine[]): SlotType {
  const taken = new Set(routines.map((r) => cleanSlotValue(r.id)));
  return {
    name: ROUTINE_SLOT_TYPE,
    values: routines.map((routine) => ({
      id: routine.id,
      name: { value: routine.id, synonyms: routineSynonyms(routine, taken) },
    })),
  };
}

function routineSynonyms(routine: Routine, taken: Set<string>): string[] {
  const synonyms: string[] = [];
  for (const name of routine.names) {
    const synonym = cleanSlotValue(name);
    if (synonym === '' || taken.has(synonym)) continue;
    taken.add(synonym);
    synonyms.push(synonym);
  }
  return synonyms;
}

function cleanSlotValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9 .'-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
