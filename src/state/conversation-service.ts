import { NeckbotError } from '../core/errors';
import type { Pipeline } from '../core/pipeline';
import type { Reply } from '../core/reply';
import type { ConversationState, UserState } from '../core/session';
import type { Turn } from '../core/turn';
import { KeyedQueue } from './keyed-queue';
import type { StateStore } from './store';

export interface ConversationServiceOptions {
  conversationTtlMs: number;
  userTtlMs: number;
  /** Compare-and-set attempts before giving up on a turn that keeps colliding with other instances. */
  maxAttempts?: number;
  now?: () => number;
}

const STATE_VERSION = 'v1';

/**
 * Runs a turn with its state: load, respond through the pipeline, save with compare-and-set.
 * Turns of one conversation are applied one at a time here; across instances the version check
 * catches a concurrent write and the turn is run again on the fresh state.
 */
export class ConversationService {
  private readonly queue = new KeyedQueue();
  private readonly now: () => number;

  constructor(
    private readonly pipeline: Pipeline,
    private readonly store: StateStore,
    private readonly options: ConversationServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  handle(turn: Turn): Promise<Reply> {
    const convKey = `${STATE_VERSION}:conv:${turn.channel}:${turn.conversationId}`;
    return this.queue.run(convKey, () => this.apply(turn, convKey));
  }

  private async apply(turn: Turn, convKey: string): Promise<Reply> {
    const userKey = `${STATE_VERSION}:user:${turn.channel}:${turn.userId}`;
    const attempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const [conv, user] = await Promise.all([
        this.store.get<ConversationState>(convKey),
        this.store.get<UserState>(userKey),
      ]);
      const { reply, state } = this.pipeline.respond(
        turn,
        { conversation: conv?.value ?? {}, user: user?.value ?? {} },
        this.now(),
      );
      // A turn that changed nothing (most questions) writes nothing.
      const saved = unchanged(state.conversation, conv?.value)
        ? { ok: true }
        : await this.store.set(convKey, state.conversation, {
            ttlMs: this.options.conversationTtlMs,
            expectedVersion: conv?.version ?? 0,
          });
      if (!saved.ok) {
        if (attempt < attempts) continue;
        throw new NeckbotError(
          'STATE_CONFLICT',
          `conversation state kept changing (${attempts} attempts)`,
        );
      }
      // The user record (saved routine position, disclaimer shown) is last-writer-wins by design.
      if (!unchanged(state.user, user?.value)) {
        await this.store.set(userKey, state.user, { ttlMs: this.options.userTtlMs });
      }
      return reply;
    }
  }
}

function unchanged(after: object, before: object | undefined): boolean {
  return JSON.stringify(after) === JSON.stringify(before ?? {});
}
