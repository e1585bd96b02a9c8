import type { MatcherSettings } from '../core/matcher';
import type {
  Answer,
  Intent,
  Labels,
  LanguageData,
  LexiconTier,
  SafetyConcept,
  SafetyNetExamples,
  SafetyNetSettings,
  OutOfScope,
  Routine,
  RoutineNeed,
  SafetyResponse,
  SkillData,
  Starter,
  Synonym,
  TextAndSpeech,
} from './schema';

/** Everything in content/ and intents/, loaded and validated once at start. */
export interface ContentBundle {
  answers: Answer[];
  safetyResponses: SafetyResponse[];
  lexicon: LexiconTier[];
  concepts: SafetyConcept[];
  /** content/safety/net.yaml and net-examples.yaml (optional): the learned second safety net. */
  safetyNet?: SafetyNetSettings & SafetyNetExamples;
  routines: Routine[];
  /** content/routine-needs.yaml: which routine suits a need ("at my desk", "before bed"). */
  routineNeeds: RoutineNeed[];
  prompts: Prompts;
  labels: Labels;
  starters: Starter[];
  intents: Intent[];
  synonyms: Synonym[];
  outOfScope: OutOfScope;
  /** content/language/en.yaml: the word lists the core matches against. */
  language: LanguageData;
  /** content/skill.yaml: the voice skill's invocation and carrier phrases. */
  skill: SkillData;
  /** content/nlu.yaml: the matcher's components, settings and calibration. */
  nlu: MatcherSettings;
}

export type Prompts = Record<PromptKey, TextAndSpeech>;

export const PROMPT_KEYS = [
  'welcome',
  'disclaimer',
  'welcomeBack',
  'help',
  'helpInRoutine',
  'capabilities',
  'aboutCoach',
  'otherLanguage',
  'greeting',
  'thanks',
  'goodbye',
  'fallback',
  'fallbackNearest',
  'fallbackInRoutine',
  'didYouMean',
  'offerRoutine',
  'alsoAsked',
  'routineStart',
  'stepHeader',
  'stepProgress',
  'nextPrompt',
  'lastStepPrompt',
  'holdLead',
  'holdDone',
  'restLead',
  'keepGoingLead',
  'timedDone',
  'repetitionCount',
  'repetitionsLead',
  'routineFinished',
  'noRoutine',
  'atFirstStep',
  'afterLastStep',
  'stepOutOfRange',
  'stepsLeft',
  'paused',
  'resumed',
  'nothingToResume',
  'stopped',
  'confirmSwitch',
  'continueOffer',
  'safetyPaused',
  'resumeAfterSafety',
  'safetyResumeNeeded',
  'safetyReminder',
  'safetyCheck',
  'afterEmergency',
  'expired',
  'declined',
  'anythingElse',
  'error',
  'stateUnavailable',
] as const;

export type PromptKey = (typeof PROMPT_KEYS)[number];

/** The prompt key of a small-talk id: "about-coach" is answered by prompt `aboutCoach`. */
export function promptKeyOf(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
