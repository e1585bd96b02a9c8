import type { Pipeline } from '../core/pipeline';
import { ConversationService, type ConversationServiceOptions } from './conversation-service';
import { DynamoDbStore } from './dynamodb-store';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { StateStore } from './store';

const HOUR_MS = 60 * 60 * 1000;

export interface StateSettings {
  savedRoutineTtlMs: number;
  maxEntries: number;
  /** With Redis or DynamoDB, state is shared by every instance; without, it stays in this process. */
  redis?: { url: string; prefix: string; commandTimeoutMs: number };
  dynamodb?: { table: string; endpoint?: string; requestTimeoutMs: number };
}

export const DEFAULT_STATE_SETTINGS: StateSettings = {
  savedRoutineTtlMs: 24 * HOUR_MS,
  maxEntries: 50_000,
};

/** The store the settings choose: Redis or DynamoDB when given, else the embedded memory store. */
export function createStore(
  settings: StateSettings,
  onError?: (operation: string) => void,
): StateStore {
  if (settings.dynamodb) {
    return new DynamoDbStore({ ...settings.dynamodb, ...(onError ? { onError } : {}) });
  }
  if (!settings.redis) return new MemoryStore({ maxEntries: settings.maxEntries });
  return new RedisStore({
    url: settings.redis.url,
    prefix: settings.redis.prefix,
    commandTimeoutMs: settings.redis.commandTimeoutMs,
    ...(onError ? { onError } : {}),
  });
}

/** Which store the settings choose, for the start-up log line. */
export function stateStoreKind(
  settings: Pick<StateSettings, 'redis' | 'dynamodb'>,
): 'dynamodb' | 'redis' | 'memory' {
  return settings.dynamodb ? 'dynamodb' : settings.redis ? 'redis' : 'memory';
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
