import {
  ANSWER_TOPIC_IDS,
  CONFIRM_IDS,
  NAVIGATION_IDS,
  ROUTINE_IDS,
  SAFETY_IDS,
  SMALLTALK_IDS,
  SPEECH_WORDS,
  STEP_SPEECH_MAX_WORDS,
} from '../core/contract';
import { NeckbotError } from '../core/errors';
import { normalize } from '../core/normalize';
import type { ContentBundle } from './bundle';

/** Cross-references that a schema alone cannot check (Rasa's `data validate` in spirit). */
export function crossCheck(bundle: ContentBundle, answerFiles: ReadonlyMap<string, string>): void {
  checkAnswers(bundle, answerFiles);
  checkSafety(bundle);
  checkRoutines(bundle);
  checkIntents(bundle);
}

function fail(file: string, entry: string, message: string): never {
  throw new NeckbotError('CONTENT_INCONSISTENT', message, { file, entry });
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

function checkSpeech(file: string, entry: string, speech: string, label = 'speech'): void {
  const words = wordCount(speech);
  if (words < SPEECH_WORDS.min || words > SPEECH_WORDS.max) {
    fail(
      file,
      entry,
      `${label} has ${words} words; keep it between ${SPEECH_WORDS.min} and ${SPEECH_WORDS.max}`,
    );
  }
  checkSpeakable(file, entry, speech, label);
}

function checkSpeakable(file: string, entry: string, speech: string, label: string): void {
  if (/[<>*_#`[\]{}|]/.test(speech)) {
    fail(file, entry, `${label} contains markup or symbols a speaker cannot say`);
  }
}

function checkAnswers(
  { answers, routines, outOfScope }: ContentBundle,
  answerFiles: ReadonlyMap<string, string>,
): void {
  const fileOf = (id: string) => answerFiles.get(id) ?? 'content/answers';
  const ids = new Set<string>();
  const questionOwner = new Map<string, string>();
  for (const a of answers) {
    if (ids.has(a.id)) fail(fileOf(a.id), a.id, 'duplicate answer id');
    ids.add(a.id);
    if (!(ANSWER_TOPIC_IDS as readonly string[]).includes(a.id)) {
      fail(fileOf(a.id), a.id, 'not a topic id of shared/spec/topics.md');
    }
    checkSpeech(fileOf(a.id), a.id, a.speech);
    for (const q of a.questions) {
      const key = normalize(q).text;
      const owner = questionOwner.get(key);
      if (owner && owner !== a.id)
        fail(fileOf(a.id), a.id, `question "${q}" is also under "${owner}"`);
      if (owner === a.id) fail(fileOf(a.id), a.id, `question "${q}" is listed twice`);
      questionOwner.set(key, a.id);
    }
  }
  for (const id of ANSWER_TOPIC_IDS)
    if (!ids.has(id)) fail('content/answers', id, 'required topic is missing');
  for (const q of outOfScope.questions) {
    const owner = questionOwner.get(normalize(q).text);
    if (owner)
      fail('content/out-of-scope.yaml', 'outOfScope', `question "${q}" is also under "${owner}"`);
  }
  const routineIds = new Set(routines.map((r) => r.id));
  for (const a of answers) {
    for (const f of a.followUps) {
      if (!ids.has(f)) fail(fileOf(a.id), a.id, `follow-up "${f}" does not exist`);
      if (f === a.id) fail(fileOf(a.id), a.id, 'an answer cannot follow up itself');
    }
    if (a.routine && !routineIds.has(a.routine)) {
      fail(fileOf(a.id), a.id, `routine "${a.routine}" does not exist`);
    }
    if (a.routine && /\?/.test(`${a.text} ${a.speech}`)) {
      // The app ends this answer with its own offer to guide: one question per turn.
      fail(fileOf(a.id), a.id, 'an answer that offers a routine must not ask a question itself');
    }
  }
}

function checkSafety({ safetyResponses, lexicon, concepts }: ContentBundle): void {
  const responseIds = new Set<string>();
  for (const r of safetyResponses) {
    const file = 'content/safety/responses.yaml';
    if (responseIds.has(r.id)) fail(file, r.id, 'duplicate response id');
    responseIds.add(r.id);
    checkSpeech(file, r.id, r.speech);
    checkSpeech(file, r.id, r.ifAsked.speech, 'ifAsked.speech');
  }
  const tierIds = new Set<string>();
  for (const t of lexicon) {
    const file = 'content/safety/lexicon.yaml';
    if (tierIds.has(t.id)) fail(file, t.id, 'duplicate tier');
    tierIds.add(t.id);
    if (!responseIds.has(t.id)) fail(file, t.id, 'tier has no response in responses.yaml');
    for (const phrase of [...t.triggers, ...t.except]) {
      if (normalize(phrase.replace(/\.\.\./g, ' ').replace(/\*/g, '')).tokens.length === 0) {
        fail(file, t.id, `phrase "${phrase}" has no words`);
      }
    }
  }
  for (const c of concepts) {
    if (!tierIds.has(c.id))
      fail('content/safety/concepts.yaml', c.name, `concept id "${c.id}" is not a lexicon tier`);
  }
  for (const id of SAFETY_IDS) {
    if (!responseIds.has(id))
      fail('content/safety/responses.yaml', id, 'required response is missing');
    if (!tierIds.has(id)) fail('content/safety/lexicon.yaml', id, 'required tier is missing');
  }
}

function checkRoutines({ routines }: ContentBundle): void {
  const nameOwner = new Map<string, string>();
  for (const r of routines) {
    const file = `content/routines/${r.id}.yaml`;
    checkSpeakable(file, r.id, r.wrapUp.speech, 'wrapUp.speech');
    r.steps.forEach((step, i) => {
      const entry = `${r.id} step ${i + 1}`;
      checkSpeakable(file, entry, step.speech, 'speech');
      if (wordCount(step.speech) > STEP_SPEECH_MAX_WORDS) {
        fail(file, entry, `speech is longer than ${STEP_SPEECH_MAX_WORDS} words`);
      }
    });
    for (const name of r.names) {
      const key = normalize(name).text;
      const owner = nameOwner.get(key);
      if (owner && owner !== r.id) fail(file, r.id, `name "${name}" is also used by "${owner}"`);
      nameOwner.set(key, r.id);
    }
  }
  for (const id of ROUTINE_IDS) {
    if (!routines.some((r) => r.id === id))
      fail(`content/routines/${id}.yaml`, id, 'required routine is missing');
  }
}

function checkIntents({ intents }: ContentBundle): void {
  const file = 'intents/en';
  const sampleOwner = new Map<string, string>();
  for (const intent of intents) {
    for (const sample of intent.samples) {
      const key = normalize(sample.replace(/\{(\w+)\}/g, 'slot$1')).text;
      const owner = sampleOwner.get(key);
      if (owner && owner !== intent.id)
        fail(file, intent.id, `sample "${sample}" is also under "${owner}"`);
      sampleOwner.set(key, intent.id);
    }
    if (intent.kind === 'routine' && intent.samples.some((s) => !s.includes('{routine}'))) {
      fail(file, intent.id, 'every routine-start sample needs the {routine} placeholder');
    }
  }
  const required: Array<[string, readonly string[]]> = [
    ['navigation', NAVIGATION_IDS],
    ['smalltalk', SMALLTALK_IDS],
    ['confirm', CONFIRM_IDS],
  ];
  for (const [kind, ids] of required) {
    for (const id of ids) {
      if (!intents.some((i) => i.kind === kind && i.id === id))
        fail(file, id, `required ${kind} intent is missing`);
    }
  }
  if (!intents.some((i) => i.kind === 'routine'))
    fail(file, 'start-routine', 'routine-start intent is missing');
}
