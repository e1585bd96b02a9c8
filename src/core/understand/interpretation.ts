import type { CommandHit, RoutineMention } from '../intent-phrases';
import type { MatchResult } from '../matcher';
import type { SafetyHit } from '../safety';
import type { SafetyCheck } from '../safety-layers';
import type { Turn } from '../turn';
import type { StepHelpHit } from './step-help';

export interface RoutineStart {
  routineId: string;
  confidence: number;
  /** Said as a change of mind ("…instead"): another routine in progress is left without asking. */
  switching: boolean;
}

/**
 * One turn, understood once. Routes read it and never normalize or re-read the text; the costly
 * readings (the answer match, social phrases) are computed the first time a route asks for them.
 */
export interface Interpretation {
  readonly turn: Turn;
  /** What the person typed or said (a voice intent carries it in its query slot). */
  readonly text: string;
  readonly tokens: readonly string[];
  /** The safety router's finding, in the current state (a routine in progress widens it). */
  readonly safety: SafetyHit | undefined;
  /** No finding, but health-state signals no layer is sure of: a safety check goes first. */
  readonly safetyCheck: SafetyCheck | undefined;
  /** A navigation verb, small-talk phrase or yes/no said on its own. */
  readonly command: CommandHit | undefined;
  /** Written in a language other than English (lazy). */
  otherLanguage(): boolean;
  /** The routine content/routine-needs.yaml suggests for a need the words state ("at my desk"; lazy). */
  routineNeed(): string | undefined;
  /** Asks for something to do rather than about something ("got anything for tight shoulders?"; lazy). */
  asksForSomethingToDo(): boolean;
  /** The routine the words name, if any. */
  readonly mention: RoutineMention | undefined;
  /** A request to start the named routine now. */
  readonly routineStart: RoutineStart | undefined;
  /** The answer bank's reading (lazy): the whole message, or its best sentence when it is long. */
  match(): MatchResult;
  /** A follow-up question read together with the conversation's last topic or routine (lazy). */
  matchInContext(): MatchResult | undefined;
  /** The topic of a second question in the same message, other than the answer's (lazy). */
  alsoAsked(): string | undefined;
  /** A greeting, thanks or goodbye that opens or closes the message (lazy). */
  social(): CommandHit | undefined;
  /** In a routine: the help entry of the current step (or routine) the question asks for (lazy). */
  stepHelp(): StepHelpHit | undefined;
}
