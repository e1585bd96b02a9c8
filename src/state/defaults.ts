import type { Pipeline } from '../core/pipeline';
import { ConversationService, type ConversationServiceOptions } from './conversation-service';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { StateStore } from './store';

const HOUR_MS = 60 * 60 * 1000;

export interface StateSettings {
  savedRoutineTtlMs: number;
  maxEntries: number;
  /** With Redis, state is shared by every instance; without, it stays in this process. */
  redis?: { url: string; prefix: string; commandTimeoutMs: number };
}

export const DEFAULT_STATE_SETTINGS: StateSettings = {
  savedRoutineTtlMs: 24 * HOUR_MS,
  maxEntries: 50_000,
};

/** The store the settings choose: Redis when a URL is given, else the embedded memory store. */
export function createStore(
  settings: StateSettings,
  onError?: (operation: string) => void,
): StateStore {
  if (!settings.redis) return new MemoryStore({ maxEntries: settings.maxEntries });
  return new RedisStore({
    url: settings.redis.url,
    prefix: settings.redis.prefix,
    commandTimeoutMs: settings.redis.commandTimeoutMs,
    ...(onError ? { onError } : {}),
  });
}

export function conversationService(
  pipeline: Pipeline,
  store: StateStore,
  settings: StateSettings,
  extra: Partial<ConversationServiceOptions> = {},
): ConversationService {
  return new ConversationService(pipeline, store, {
    conversationTtlMs: settings.savedRoutineTtlMs,
    userTtlMs: settings.savedRoutineTtlMs,
    ...extra,
  });
}

/** The embedded default: an in-memory store behind the conversation service. */
export function memoryConversations(pipeline: Pipeline, settings = DEFAULT_STATE_SETTINGS) {
  const store = new MemoryStore({ maxEntries: settings.maxEntries });
  return { store, service: conversationService(pipeline, store, settings) };
}
