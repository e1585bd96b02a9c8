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

/**
 * One process: the most recent ids, in two generations of at most `limit / 2` each. When the
 * current one fills up, it becomes the previous one and the oldest generation is dropped whole
 * (deleting single oldest entries from a Set leaves holes that every later lookup of the oldest
 * walks over).
 */
export class LocalDeliveryLog implements DeliveryLog {
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(private readonly limit = 10_000) {}

  firstDelivery(channel: string, conversationId: string, activityId: string): Promise<boolean> {
    const key = `${channel}|${conversationId}|${activityId}`;
    if (this.current.has(key) || this.previous.has(key)) return Promise.resolve(false);
    if (this.current.size >= Math.max(1, Math.floor(this.limit / 2))) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(key);
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
