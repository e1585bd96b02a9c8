import type { Dialogue } from '../dialogue/dialogue';
import type { Reply } from '../reply';
import type { Scratch } from '../routine-engine';
import type { Pending } from '../session';
import type { Interpretation } from '../understand/interpretation';

/** What a route sees besides the interpretation: the state it may change, and how to reply. */
export interface TurnContext {
  /** Conversation and user state for this turn; routes change it in place. */
  s: Scratch;
  /** The question asked on the previous turn (already cleared from state). */
  pending: Pending | undefined;
  /** A saved routine position expired at the start of this turn. */
  expired: boolean;
  dialogue: Dialogue;
}

/**
 * One way of answering a turn. The pipeline tries routes in rank order (lowest first) and the first
 * whose `canHandle` is true answers; `handle` may still decline by returning undefined, and the next
 * route is tried.
 */
export interface Route {
  readonly name: string;
  readonly rank: number;
  canHandle(i: Interpretation, ctx: TurnContext): boolean;
  handle(i: Interpretation, ctx: TurnContext): Reply | undefined;
}
