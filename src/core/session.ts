/**
 * What the assistant remembers between turns. Small and JSON-serialisable; ids and step numbers only,
 * never anything the person said (least of all about their health).
 */
export type RoutineStatus = 'active' | 'paused' | 'held';

export interface RoutineProgress {
  id: string;
  /** 1-based. */
  step: number;
  /** `held`: stopped by the safety router; only an explicit "resume" continues. */
  status: RoutineStatus;
}

export type Pending =
  | { type: 'offer-routine'; routine: string }
  | { type: 'confirm-switch'; routine: string }
  | { type: 'resume-saved'; routine: string; step: number }
  | { type: 'continue-routine' }
  /** The second question of a message ("You also asked about… want that next?"). */
  | { type: 'offer-topic'; topic: string };

/**
 * What the safety router heard in this conversation: precaution ids only, never the words, kept in
 * conversation state so it expires with the conversation and never reaches user state.
 */
export interface SafetyMemory {
  /** Precaution ids that fired, oldest first, each once. */
  precautions: string[];
  /** An emergency fired: routines are ended, never offered back, and not started again. */
  emergency?: true;
}

export interface ConversationState {
  routine?: RoutineProgress;
  pending?: Pending;
  welcomed?: boolean;
  safety?: SafetyMemory;
  /** The answer topic of the last answer given: what a follow-up ("is that safe?") is about. */
  lastTopic?: string;
  /** The routine the latest answer about a technique offered: what "walk me through it" means. */
  lastRoutine?: string;
}

export interface UserState {
  /** The routine position saved on every step, offered back in a new conversation. */
  saved?: { routine: string; step: number; savedAt: number };
  disclaimerShown?: boolean;
}

export interface SessionState {
  conversation: ConversationState;
  user: UserState;
}

export function emptySession(): SessionState {
  return { conversation: {}, user: {} };
}
