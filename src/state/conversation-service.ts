import { performance } from 'node:perf_hooks';
import { NeckbotError } from '../core/errors';
import type { Pipeline } from '../core/pipeline';
import type { Reply } from '../core/reply';
import { emptySession, type ConversationState, type UserState } from '../core/session';
import type { Turn } from '../core/turn';
import { isStateUnavailable } from './errors';
import { KeyedQueue } from './keyed-queue';
import { TurnBatch } from './turn-batch';
import type { StateStore, Versioned } from './store';

/** What the service reports about each finished turn (for logs and metrics; no user text). */
export interface TurnRecord {
  turn: Turn;
  reply: Reply;
  latencyMs: number;
  /** The state store was unreachable: the turn was answered without state. */
  degraded: boolean;
}

export interface ConversationServiceOptions {
  conversationTtlMs: number;
  userTtlMs: number;
  /** Compare-and-set attempts before giving up on a turn that keeps colliding with other instances. */
  maxAttempts?: number;
  now?: () => number;
  onTurn?: (record: TurnRecord) => void;
}

const STATE_VERSION = 'v1';
const DEFAULT_ATTEMPTS = 6;

/**
 * Runs a turn with its state: load, respond through the pipeline, save with compare-and-set.
 * Turns of one conversation are applied one at a time here; across instances the version check
 * catches a concurrent write and the turn is run again on the fresh state. When the store cannot
 * be reached the turn is still answered, without state (`Pipeline.withoutState`).
 */
export class ConversationService {
  private readonly queue = new KeyedQueue();
  private readonly batch = new TurnBatch();
  private readonly now: () => number;
  private inFlight = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly pipeline: Pipeline,
    private readonly store: StateStore,
    private readonly options: ConversationServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async handle(turn: Turn): Promise<Reply> {
    const started = performance.now();
    const convKey = `${STATE_VERSION}:conv:${turn.channel}:${turn.conversationId}`;
    this.inFlight++;
    try {
      const { reply, degraded } = await this.queue.run(convKey, () => this.apply(turn, convKey));
      this.options.onTurn?.({ turn, reply, degraded, latencyMs: performance.now() - started });
      return reply;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Turns started and not yet answered (graceful shutdown waits for these). */
  get turnsInFlight(): number {
    return this.inFlight;
  }

  /** Resolves when no turn is in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async apply(turn: Turn, convKey: string): Promise<{ reply: Reply; degraded: boolean }> {
    const userKey = `${STATE_VERSION}:user:${turn.channel}:${turn.userId}`;
    const attempts = this.options.maxAttempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      let loaded;
      try {
        loaded = await Promise.all([
          this.store.get<ConversationState>(convKey),
          this.store.get<UserState>(userKey),
        ]);
      } catch (err) {
        if (!isStateUnavailable(err)) throw err;
        const { reply } = this.pipeline.respond(turn, emptySession(), this.now());
        return { reply: this.pipeline.withoutState(reply), degraded: true };
      }
      const [conv, user] = loaded;
      // The loaded values were parsed for this turn alone, so the pipeline may change them in place.
      const { reply, state } = await this.batch.run(() =>
        this.pipeline.respond(
          turn,
          { conversation: conv?.value ?? {}, user: user?.value ?? {} },
          this.now(),
          { ownState: true },
        ),
      );
      let saved: { ok: boolean };
      try {
        // A turn that changed nothing (most questions) writes nothing.
        saved = unchanged(state.conversation, conv)
          ? { ok: true }
          : await this.store.set(convKey, state.conversation, {
              ttlMs: this.options.conversationTtlMs,
              expectedVersion: conv?.version ?? 0,
            });
      } catch (err) {
        if (!isStateUnavailable(err)) throw err;
        return { reply: this.pipeline.withoutState(reply), degraded: true };
      }
      if (!saved.ok) {
        if (attempt < attempts) {
          await backoff(attempt);
          continue;
        }
        throw new NeckbotError(
          'STATE_CONFLICT',
          `conversation state kept changing (${attempts} attempts)`,
        );
      }
      // The user record (saved routine position, disclaimer shown) is last-writer-wins by design,
      // and best effort: losing it only costs a "welcome back".
      if (!unchanged(state.user, user)) {
        try {
          await this.store.set(userKey, state.user, { ttlMs: this.options.userTtlMs });
        } catch (err) {
          if (!isStateUnavailable(err)) throw err;
          return { reply, degraded: true };
        }
      }
      return { reply, degraded: false };
    }
  }
}

function unchanged(after: object, before: Versioned<unknown> | undefined): boolean {
  return JSON.stringify(after) === (before?.json ?? '{}');
}

/** A short random wait, growing with the attempt, so two instances stop colliding in step. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * 5 * attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
