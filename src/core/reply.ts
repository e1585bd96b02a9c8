/** The channel-neutral answer to one turn. Channels translate it; the core never builds platform JSON. */
export const OUTCOME_KINDS = [
  'answer',
  'precaution',
  'emergency',
  'routine',
  'navigation',
  'smalltalk',
  'fallback',
] as const;

export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface Outcome {
  kind: OutcomeKind;
  id: string;
  confidence: number;
}

/** A button or suggested action; `value` is exactly what a person would type to do the same. */
export interface Suggestion {
  label: string;
  value: string;
}

/** Speech as a sequence of sentences and pauses, so voice channels can lead timed holds. */
export type SpeechPart = { say: string } | { pauseSeconds: number };

export interface Card {
  title: string;
  lines: string[];
  buttons: Suggestion[];
  style: 'info' | 'step' | 'precaution' | 'emergency';
  /** Where a step card is in its routine, with the label to show ("Step 2 of 6"). */
  progress?: { step: number; total: number; label: string };
  hold?: string;
  /** The one question the card ends with ("Ready for step 3 of 6?"). */
  prompt?: string;
}

export interface RoutinePosition {
  id: string;
  step: number;
  total: number;
}

export interface Reply {
  outcome: Outcome;
  /** Display text (light Markdown). */
  text: string;
  /** Plain spoken text (no markup); `speechParts` carries the same with pauses. */
  speech: string;
  speechParts: SpeechPart[];
  reprompt?: string;
  suggestions: Suggestion[];
  card?: Card;
  /** False when the conversation should close (goodbye, emergency on voice). */
  keepOpen: boolean;
  /** On a step reply: what is said before the step (the routine's intro, "Picking up…"), as display text. */
  lead?: string;
  /** Present whenever a routine is active after this turn. */
  routine?: RoutinePosition;
  /**
   * A one-sentence safety check put before this reply because the message may mention a symptom
   * no safety layer was sure of; `text` and `speech` already begin with it.
   */
  safetyCheck?: { text: string; speech: string };
  /** The precaution ids this reply reminds of (said earlier in the conversation). */
  reminder?: string[];
}

export const MAX_SUGGESTIONS = 3;

export function speechOf(parts: SpeechPart[]): string {
  return parts
    .map((p) => ('say' in p ? p.say : ''))
    .filter((s) => s.length > 0)
    .join(' ');
}
