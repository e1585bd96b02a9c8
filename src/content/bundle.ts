import type { MatcherSettings } from '../core/matcher';
import type {
  Answer,
  Intent,
  Labels,
  LexiconTier,
  SafetyConcept,
  OutOfScope,
  Routine,
  SafetyResponse,
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
  routines: Routine[];
  prompts: Prompts;
  labels: Labels;
  starters: Starter[];
  intents: Intent[];
  synonyms: Synonym[];
  outOfScope: OutOfScope;
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
  'greeting',
  'thanks',
  'goodbye',
  'fallback',
  'didYouMean',
  'offerRoutine',
  'routineStart',
  'stepHeader',
  'nextPrompt',
  'lastStepPrompt',
  'holdLead',
  'holdDone',
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
  'afterEmergency',
  'expired',
  'declined',
  'error',
  'stateUnavailable',
] as const;

export type PromptKey = (typeof PROMPT_KEYS)[number];
