import {
  ALL_ANSWER_TOPIC_IDS,
  ALL_SMALLTALK_IDS,
  CONFIRM_IDS,
  MEDICAL_DISCLAIMER,
  NAVIGATION_IDS,
  ROUTINE_IDS,
  SAFETY_IDS,
  SMALLTALK_IDS,
  SPEECH_WORDS,
  STEP_SPEECH_MAX_WORDS,
} from '../core/contract';
import { languageOf } from '../core/language';
import type { Normalized } from '../core/normalize';
import type { Problems } from './problems';
import type { ContentBundle } from './bundle';
import { countWords, type StepHelp } from './schema';

/** Cross-references that a schema alone cannot check (Rasa's `data validate` in spirit). */
export function crossCheck(
  bundle: ContentBundle,
  answerFiles: ReadonlyMap<string, string>,
  problems: Problems,
): void {
  const c: Check = { p: problems, normalize: (s) => languageOf(bundle).normalize(s) };
  checkAnswers(c, bundle, answerFiles);
  checkSafety(c, bundle);
  checkRoutines(c, bundle);
  checkRoutineNeeds(c, bundle);
  checkIntents(c, bundle);
  checkLanguage(c, bundle);
}

interface Check {
  p: Problems;
  normalize: (text: string) => Normalized;
}

export const wordCount = countWords;

function checkSpeech(
  c: Check,
  file: string,
  entry: string,
  speech: string,
  label = 'speech',
): void {
  const words = wordCount(speech);
  if (words < SPEECH_WORDS.min || words > SPEECH_WORDS.max) {
    c.p.error(
      file,
      entry,
      `${label} has ${words} words; keep it between ${SPEECH_WORDS.min} and ${SPEECH_WORDS.max}`,
    );
  }
  checkSpeakable(c, file, entry, speech, label);
}

function checkSpeakable(
  c: Check,
  file: string,
  entry: string,
  speech: string,
  label: string,
): void {
  if (/[<>*_#`[\]{}|]/.test(speech)) {
    c.p.error(file, entry, `${label} contains markup or symbols a speaker cannot say`);
  }
}

function checkAnswers(
  c: Check,
  { answers, routines, outOfScope }: ContentBundle,
  answerFiles: ReadonlyMap<string, string>,
): void {
  const fileOf = (id: string) => answerFiles.get(id) ?? 'content/answers';
  const ids = new Set<string>();
  const questionOwner = new Map<string, string>();
  for (const a of answers) {
    if (ids.has(a.id)) c.p.error(fileOf(a.id), a.id, 'duplicate answer id');
    ids.add(a.id);
    if (!ALL_ANSWER_TOPIC_IDS.includes(a.id)) {
      c.p.error(fileOf(a.id), a.id, 'not a topic id of shared/spec/topics.md or docs/contract.md');
    }
    checkSpeech(c, fileOf(a.id), a.id, a.speech);
    for (const q of a.questions) {
      const key = c.normalize(q).text;
      const owner = questionOwner.get(key);
      if (owner && owner !== a.id)
        c.p.error(fileOf(a.id), a.id, `question "${q}" is also under "${owner}"`);
      if (owner === a.id) c.p.error(fileOf(a.id), a.id, `question "${q}" is listed twice`);
      questionOwner.set(key, a.id);
    }
  }
  for (const id of ALL_ANSWER_TOPIC_IDS)
    if (!ids.has(id)) c.p.missing('content/answers', id, 'required topic is missing');
  for (const q of outOfScope.questions) {
    const owner = questionOwner.get(c.normalize(q).text);
    if (owner)
      c.p.error(
        'content/out-of-scope.yaml',
        'outOfScope',
        `question "${q}" is also under "${owner}"`,
      );
  }
  const routineIds = new Set(routines.map((r) => r.id));
  for (const a of answers) {
    for (const f of a.followUps) {
      if (!ids.has(f) && !c.p.reported(f))
        c.p.error(fileOf(a.id), a.id, `follow-up "${f}" does not exist`);
      if (f === a.id) c.p.error(fileOf(a.id), a.id, 'an answer cannot follow up itself');
    }
    if (a.routine && !routineIds.has(a.routine) && !c.p.reported(a.routine)) {
      c.p.error(fileOf(a.id), a.id, `routine "${a.routine}" does not exist`);
    }
    if (a.routine && /\?/.test(`${a.text} ${a.speech}`)) {
      // The app ends this answer with its own offer to guide: one question per turn.
      c.p.error(
        fileOf(a.id),
        a.id,
        'an answer that offers a routine must not ask a question itself',
      );
    }
  }
}

function checkSafety(c: Check, { safetyResponses, lexicon, concepts }: ContentBundle): void {
  const responseIds = new Set<string>();
  for (const r of safetyResponses) {
    const file = 'content/safety/responses.yaml';
    if (responseIds.has(r.id)) c.p.error(file, r.id, 'duplicate response id');
    responseIds.add(r.id);
    checkSpeech(c, file, r.id, r.speech);
    checkSpeech(c, file, r.id, r.ifAsked.speech, 'ifAsked.speech');
  }
  const tierIds = new Set<string>();
  for (const t of lexicon) {
    const file = 'content/safety/lexicon.yaml';
    if (tierIds.has(t.id)) c.p.error(file, t.id, 'duplicate tier');
    tierIds.add(t.id);
    if (!responseIds.has(t.id)) c.p.error(file, t.id, 'tier has no response in responses.yaml');
    for (const phrase of [...t.triggers, ...t.except]) {
      if (c.normalize(phrase.replace(/\.\.\./g, ' ').replace(/\*/g, '')).tokens.length === 0) {
        c.p.error(file, t.id, `phrase "${phrase}" has no words`);
      }
    }
  }
  for (const concept of concepts) {
    if (!tierIds.has(concept.id))
      c.p.error(
        'content/safety/concepts.yaml',
        concept.name,
        `concept id "${concept.id}" is not a lexicon tier`,
      );
  }
  for (const id of SAFETY_IDS) {
    if (!responseIds.has(id))
      c.p.missing('content/safety/responses.yaml', id, 'required response is missing');
    if (!tierIds.has(id))
      c.p.missing('content/safety/lexicon.yaml', id, 'required tier is missing');
  }
}

function checkRoutines(c: Check, { routines, answers }: ContentBundle): void {
  const nameOwner = new Map<string, string>();
  for (const r of routines) {
    const file = `content/routines/${r.id}.yaml`;
    const topic = answers.find((a) => a.id === r.topic);
    if (!topic) c.p.error(file, r.id, `topic "${r.topic}" does not exist`);
    else if (topic.routine !== r.id)
      c.p.error(file, r.id, `topic "${r.topic}" does not offer this routine`);
    checkSpeakable(c, file, r.id, r.wrapUp.speech, 'wrapUp.speech');
    const routineHelp = r.help ?? [];
    checkHelpList(c, file, r.id, routineHelp);
    r.steps.forEach((step, i) => {
      const entry = `${r.id} step ${i + 1}`;
      checkSpeakable(c, file, entry, step.speech, 'speech');
      if (wordCount(step.speech) > STEP_SPEECH_MAX_WORDS) {
        c.p.error(file, entry, `speech is longer than ${STEP_SPEECH_MAX_WORDS} words`);
      }
      const stepHelp = step.help ?? [];
      checkHelpList(c, file, entry, stepHelp);
      // During this step both lists answer: a question may lead to one entry only.
      const owner = new Map<string, string>();
      for (const [list, where] of [
        [stepHelp, entry],
        [routineHelp, r.id],
      ] as const) {
        for (const h of list) {
          for (const q of h.questions) {
            const key = c.normalize(q).text;
            const here = `${where} help ${h.about}`;
            const first = owner.get(key);
            if (first === here) c.p.error(file, here, `question "${q}" is listed twice`);
            if (first) c.p.error(file, here, `question "${q}" is also under "${first}"`);
            owner.set(key, here);
          }
        }
      }
    });
    for (const name of r.names) {
      const key = c.normalize(name).text;
      const owner = nameOwner.get(key);
      if (owner && owner !== r.id)
        c.p.error(file, r.id, `name "${name}" is also used by "${owner}"`);
      nameOwner.set(key, r.id);
    }
  }
  for (const id of ROUTINE_IDS) {
    if (!routines.some((r) => r.id === id))
      c.p.missing(`content/routines/${id}.yaml`, id, 'required routine is missing');
  }
}

function checkRoutineNeeds(c: Check, { routineNeeds, routines }: ContentBundle): void {
  const file = 'content/routine-needs.yaml';
  // A contract routine whose file failed its schema is reported there, not again here.
  const routineIds = new Set<string>([...routines.map((r) => r.id), ...ROUTINE_IDS]);
  const listed = new Set<string>();
  const wordOwner = new Map<string, string>();
  for (const need of routineNeeds) {
    if (!routineIds.has(need.routine))
      c.p.error(file, need.routine, `routine "${need.routine}" does not exist`);
    if (listed.has(need.routine)) c.p.error(file, need.routine, 'routine is listed twice');
    listed.add(need.routine);
    for (const word of need.words) {
      const key = c.normalize(word).text;
      if (!key) c.p.error(file, need.routine, `word "${word}" has no words`);
      const owner = wordOwner.get(key);
      if (owner === need.routine) c.p.error(file, need.routine, `word "${word}" is listed twice`);
      if (owner) c.p.error(file, need.routine, `word "${word}" is also under "${owner}"`);
      wordOwner.set(key, need.routine);
    }
  }
}

/** Help entries: speakable speech, no closing question (the app appends its offer to go on). */
function checkHelpList(c: Check, file: string, owner: string, list: readonly StepHelp[]): void {
  for (const h of list) {
    const entry = `${owner} help ${h.about}`;
    checkSpeakable(c, file, entry, h.speech, 'speech');
    if (/[&/%]/.test(h.speech))
      c.p.error(file, entry, 'speech contains a symbol a speaker cannot say');
    for (const [label, value] of [
      ['text', h.text],
      ['speech', h.speech],
    ] as const) {
      if (/\?\s*$/.test(value)) {
        c.p.error(
          file,
          entry,
          `${label} ends with a question; the app adds its own offer to go on`,
        );
      }
    }
    for (const q of h.questions) {
      if (c.normalize(q).tokens.length === 0)
        c.p.error(file, entry, `question "${q}" has no words`);
    }
  }
}

function checkIntents(c: Check, { intents }: ContentBundle): void {
  const file = 'intents/en';
  const sampleOwner = new Map<string, string>();
  for (const intent of intents) {
    if (intent.kind === 'smalltalk' && !ALL_SMALLTALK_IDS.includes(intent.id)) {
      c.p.error(
        file,
        intent.id,
        'not a small-talk id of shared/spec/topics.md or docs/contract.md',
      );
    }
    for (const sample of intent.samples) {
      const key = c.normalize(sample.replace(/\{(\w+)\}/g, 'slot$1')).text;
      const owner = sampleOwner.get(key);
      if (owner && owner !== intent.id)
        c.p.error(file, intent.id, `sample "${sample}" is also under "${owner}"`);
      sampleOwner.set(key, intent.id);
    }
    if (intent.kind === 'routine' && intent.samples.some((s) => !s.includes('{routine}'))) {
      c.p.error(file, intent.id, 'every routine-start sample needs the {routine} placeholder');
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
        c.p.missing(file, id, `required ${kind} intent is missing`);
    }
  }
  if (!intents.some((i) => i.kind === 'routine'))
    c.p.missing(file, 'start-routine', 'routine-start intent is missing');
}

const LANGUAGE_FILE = 'content/language/en.yaml';
const SKILL_FILE = 'content/skill.yaml';

/**
 * The lists the core compares with normalized words. An entry that `normalize` changes ("um" is a
 * filler, "im" becomes "i am") can never match: a warning, so that dead entries do not pile up.
 */
function normalizedLists({ language, skill }: ContentBundle): Array<[string, readonly string[]]> {
  const { terms, safety, commands, routines } = language;
  return [
    ['terms.stopWords', terms.stopWords],
    ['terms.requestVerb', [terms.requestVerb]],
    ['terms.requestObjects', terms.requestObjects],
    ['terms.okayWords', terms.okayWords],
    ['terms.beforeJudgement', terms.beforeJudgement],
    ['terms.afterJudgement', terms.afterJudgement],
    ['terms.yesNoOpeners', terms.yesNoOpeners],
    ['safety.questionStarts', safety.questionStarts],
    ['safety.negations', safety.negations],
    ['safety.negationsBeforeOnly', safety.negationsBeforeOnly],
    ['safety.conditionals', safety.conditionals],
    ['commands.leadingExtras', commands.leadingExtras],
    ['commands.trailingExtras', commands.trailingExtras],
    ['commands.politeTail', commands.politeTail],
    ['commands.openers', commands.openers],
    ['commands.socialWords', commands.socialWords],
    ['routines.namePadding', routines.namePadding],
    ['routines.startCues', routines.startCues],
    ['routines.switchCues', routines.switchCues],
    ['routines.through', [routines.through]],
    ['routines.throughAfter', routines.throughAfter],
    ['routines.afterNameCues', routines.afterNameCues],
    ['routines.cueWordsBefore', routines.cueWordsBefore],
    ['routines.cuePhrases', routines.cuePhrases],
    ['routines.questionStarts', routines.questionStarts],
    ['fallbackContextWords', language.fallbackContextWords],
    ['normalize.numbers', Object.keys(language.normalize.numbers)],
    ['skill:invocation.wakeWords', skill.invocation.wakeWords],
    ['skill:invocation.verbs', skill.invocation.verbs],
    ['skill:invocation.articles', skill.invocation.articles],
    ['skill:invocation.names', skill.invocation.names],
    ['skill:invocation.requestLinks', skill.invocation.requestLinks],
  ];
}

function checkLanguage(c: Check, bundle: ContentBundle): void {
  const { language, skill } = bundle;
  // A contraction said without its apostrophe ("pls") is expanded after fillers are removed, so its
  // words ("please") reach the core even when normalize would remove them said alone.
  const expanded = new Set(
    Object.values(language.normalize.contractions).flatMap((long) => long.split(' ')),
  );
  const reachable = (word: string) => expanded.has(word) && !word.includes(' ');
  for (const [key, list] of normalizedLists(bundle)) {
    const file = key.startsWith('skill:') ? SKILL_FILE : LANGUAGE_FILE;
    const entry = key.replace(/^skill:/, '');
    const seen = new Set<string>();
    for (const word of list) {
      if (seen.has(word)) c.p.warning(file, entry, `"${word}" is listed twice`);
      seen.add(word);
      const normalized = c.normalize(word).text;
      if (normalized !== word && !reachable(word)) {
        const becomes = normalized === '' ? 'removes it' : `reads it as "${normalized}"`;
        c.p.warning(file, entry, `"${word}" can never match: normalize ${becomes}`);
      }
    }
  }
  const { contractions, fillers, mishearings } = language.normalize;
  for (const m of mishearings) {
    if (m.heard.replace(/\*$/, '') === m.means) {
      c.p.warning(LANGUAGE_FILE, 'normalize.mishearings', `"${m.heard}" means itself`);
    }
  }
  for (const filler of fillers) {
    if (contractions[filler] !== undefined) {
      c.p.warning(LANGUAGE_FILE, 'normalize.fillers', `"${filler}" is also a contraction`);
    }
  }
  for (const short of skill.model.spokenContractions) {
    const long = c.normalize(short).text;
    if (long === short.replace(/'/g, '')) {
      c.p.error(SKILL_FILE, 'model.spokenContractions', `normalize does not expand "${short}"`);
    }
  }
  if (!skill.listing.description.includes(MEDICAL_DISCLAIMER)) {
    c.p.error(SKILL_FILE, 'listing.description', `must say "${MEDICAL_DISCLAIMER}"`);
  }
  const name = skill.invocation.names[0] ?? '';
  for (const phrase of skill.model.examplePhrases) {
    if (!phrase.toLowerCase().includes(name)) {
      c.p.error(
        SKILL_FILE,
        'model.examplePhrases',
        `"${phrase}" does not say the invocation name "${name}"`,
      );
    }
  }
}
