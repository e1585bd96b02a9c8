import type { SmalltalkId } from '../../core/contract';

/**
 * The Alexa intents of the interaction model and what each means to the core. The model generator
 * (src/tools/build-model.ts) and the skill's handlers both read this file, so they cannot drift.
 */
export const CUSTOM_INTENTS = {
  /** A free-form question: slot `query` (AMAZON.SearchQuery) after a carrier phrase. */
  ask: 'AskQuestionIntent',
  /** Someone mentions how they feel: slot `symptom` (AMAZON.SearchQuery); always reaches the safety router. */
  symptom: 'SymptomIntent',
  /** "walk me through {routine}": slot `routine` (custom type ROUTINE_NAME). */
  startRoutine: 'StartRoutineIntent',
  /** "go to step {step}": slot `step` (AMAZON.NUMBER). */
  goToStep: 'GoToStepIntent',
  stepsLeft: 'StepsLeftIntent',
} as const;

/**
 * Questions opened by a word that tells topics apart ("when" to avoid a massage or "where", "why"
 * see a professional): one intent per word, because an AMAZON.SearchQuery slot never carries its
 * carrier phrase. The skill puts the word back in front of the slot value.
 */
export const QUESTION_WORD_INTENTS: Record<string, string> = {
  AskWhenIntent: 'when',
  AskWhereIntent: 'where',
  AskWhyIntent: 'why',
  AskWhoIntent: 'who',
};

export const SLOT = {
  query: 'query',
  symptom: 'symptom',
  routine: 'routine',
  step: 'step',
} as const;
export const ROUTINE_SLOT_TYPE = 'ROUTINE_NAME';

/**
 * Small talk without a slot, one intent per core id and its samples from intents/en/smalltalk.yaml
 * ("help" is AMAZON.HelpIntent below). A sample carries its whole meaning here: through a
 * SearchQuery carrier, "what are you able to help with" would reach the core as "you able to help
 * with", and "thanks" or "goodbye" would match no sample at all.
 */
export const SMALLTALK_INTENTS: Record<string, Exclude<SmalltalkId, 'help'> | 'about-coach'> = {
  GreetingIntent: 'greeting',
  ThanksIntent: 'thanks',
  GoodbyeIntent: 'goodbye',
  CapabilitiesIntent: 'capabilities',
  AboutCoachIntent: 'about-coach',
};

/**
 * Built-in intents a certified skill handles, mapped to the core's navigation / small-talk / yes-no ids.
 * Stop exits the skill: it is the core's "goodbye", which pauses a routine in progress (its place
 * saved, the session closed, "open Neck Massage Coach to pick up at step 3"). Cancel ends the
 * routine and asks what next; with no routine it exits too.
 */
export const BUILT_IN_INTENTS: Record<string, string> = {
  'AMAZON.HelpIntent': 'help',
  'AMAZON.StopIntent': 'goodbye',
  'AMAZON.CancelIntent': 'stop',
  'AMAZON.NavigateHomeIntent': 'stop',
  'AMAZON.FallbackIntent': 'fallback',
  'AMAZON.NextIntent': 'next',
  'AMAZON.PreviousIntent': 'previous',
  'AMAZON.RepeatIntent': 'repeat',
  'AMAZON.StartOverIntent': 'start-over',
  'AMAZON.PauseIntent': 'pause',
  'AMAZON.ResumeIntent': 'resume',
  'AMAZON.YesIntent': 'yes',
  'AMAZON.NoIntent': 'no',
};
