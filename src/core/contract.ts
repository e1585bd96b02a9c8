/** The public ids of shared/spec/topics.md: classify output, tests and analytics depend on them. */
export const ANSWER_TOPIC_IDS = [
  'is-neck-massage-safe',
  'benefits',
  'benefit-relaxation',
  'benefit-muscle-tension',
  'benefit-circulation',
  'benefit-pain-relief',
  'benefit-headache-relief',
  'anatomy-muscles',
  'anatomy-nerves',
  'anatomy-vertebrae-discs',
  'risk-pressure',
  'risk-cervical-spine',
  'risk-nerve-damage',
  'areas-to-avoid',
  'when-to-avoid',
  'techniques',
  'technique-kneading',
  'technique-circular-friction',
  'technique-light-stretching',
  'technique-massage-ball',
  'self-massage',
  'self-neck-stretches',
  'self-trigger-point-release',
  'self-scalp-massage',
  'professional-benefits',
  'professional-session',
  'tip-communicate',
  'warning-signs',
  'medical-advice',
] as const;

/**
 * Answer topics this project adds beyond shared/spec/topics.md (docs/contract.md). They are public
 * ids too: the bank must have them, and classify may print them.
 */
export const PROJECT_ANSWER_TOPIC_IDS = [
  'massage-someone-else',
  'duration-frequency',
  'choose-routine',
] as const;

/** Every answer id the bank may (and must) have: the shared contract's and this project's. */
export const ALL_ANSWER_TOPIC_IDS: readonly string[] = [
  ...ANSWER_TOPIC_IDS,
  ...PROJECT_ANSWER_TOPIC_IDS,
];

/** `kind: answer` with this id: help about the current routine step (routine `help:` lists). */
export const STEP_HELP_ID = 'step-help';

export const SAFETY_IDS = [
  'emergency',
  'precaution-injury',
  'precaution-dizziness',
  'precaution-numbness',
  'precaution-severe-pain',
  'precaution-inflammation-infection',
  'precaution-open-wound',
  'precaution-bone-joint',
  'precaution-pain-from-massage',
  'precaution-medical-condition',
] as const;

export const ROUTINE_IDS = [
  'kneading',
  'circular-friction',
  'neck-stretches',
  'trigger-point-release',
  'massage-ball',
  'scalp-massage',
] as const;

export const NAVIGATION_IDS = [
  'next',
  'previous',
  'repeat',
  'start-over',
  'go-to-step',
  'steps-left',
  'pause',
  'resume',
  'stop',
] as const;

export const SMALLTALK_IDS = ['greeting', 'thanks', 'help', 'goodbye', 'capabilities'] as const;
/** Small talk this project adds beyond shared/spec/topics.md (docs/contract.md). */
export const PROJECT_SMALLTALK_IDS = ['about-coach', 'other-language'] as const;
/** Every small-talk id an intent file may use. */
export const ALL_SMALLTALK_IDS: readonly string[] = [...SMALLTALK_IDS, ...PROJECT_SMALLTALK_IDS];
export const CONFIRM_IDS = ['yes', 'no'] as const;

export type SafetyId = (typeof SAFETY_IDS)[number];
export type NavigationId = (typeof NAVIGATION_IDS)[number];
export type SmalltalkId = (typeof SMALLTALK_IDS)[number];
export type ProjectSmalltalkId = (typeof PROJECT_SMALLTALK_IDS)[number];
export type ProjectAnswerTopicId = (typeof PROJECT_ANSWER_TOPIC_IDS)[number];

/** Spoken answers are written for a smart speaker: long enough to help, short enough to listen to. */
export const SPEECH_WORDS = { min: 25, max: 80 } as const;
export const STEP_SPEECH_MAX_WORDS = 80;

/** Help about a routine step (routine `help:` lists): display text and spoken text, in words. */
export const HELP_TEXT_WORDS = { min: 15, max: 70 } as const;
export const HELP_SPEECH_WORDS = { min: 12, max: 60 } as const;
export const HELP_MIN_QUESTIONS = 6;

/** The skill's store description must say this (content/skill.yaml `listing`; checked at load). */
export const MEDICAL_DISCLAIMER =
  'general information, not medical advice; it does not diagnose; if in doubt, ask a healthcare professional';
