import { isStateUnavailable } from './errors';
import type { StateStore } from './store';

/**
 * Remembers which activity ids were already answered, so a platform retry (Teams resends after
 * about 15 s without a reply) is answered once. With several instances the retry may reach another
 * one, so the shared store keeps the record there.
 */
export interface DeliveryLog {
  /** True the first time this id is seen in this conversation, false for a retry. */
  firstDelivery(channel: string, conversationId: string, activityId: string): Promise<boolean>;
}

/** One process: a bounded set of recent ids. */
export class LocalDeliveryLog implements DeliveryLog {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 10_000) {}

  firstDelivery(channel: string, conversationId: string, activityId: string): Promise<boolean> {
    const key = `${channel}|${conversationId}|${activityId}`;
    if (this.seen.has(key)) return Promise.resolve(false);
    this.seen.add(key);
    if (this.seen.size > this.limit) {
      const oldest = this.seen.values().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return Promise.resolve(true);
  }
}

const RETRY_WINDOW_MS = 10 * 60 * 1000;

/** Many instances: an "only if absent" write to the shared store decides who answers. */
export class SharedDeliveryLog implements DeliveryLog {
  constructor(private readonly store: StateStore) {}

  async firstDelivery(channel: string, conversationId: string, activityId: string) {
    try {
      const claimed = await this.store.set(
        `v1:seen:${channel}:${conversationId}:${activityId}`,
        1,
        { ttlMs: RETRY_WINDOW_MS, expectedVersion: 0 },
      );
      return claimed.ok;
    } catch (err) {
      // Better to answer a retry twice than to leave a message unanswered.
      if (isStateUnavailable(err)) return true;
      throw err;
    }
  }
}
