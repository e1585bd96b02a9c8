import type { Pipeline } from '../core/pipeline';
import { ConversationService } from './conversation-service';
import { MemoryStore } from './memory-store';

const HOUR_MS = 60 * 60 * 1000;

export interface StateSettings {
  savedRoutineTtlMs: number;
  maxEntries: number;
}

export const DEFAULT_STATE_SETTINGS: StateSettings = {
  savedRoutineTtlMs: 24 * HOUR_MS,
  maxEntries: 50_000,
};

/** The embedded default: an in-memory store behind the conversation service. */
export function memoryConversations(pipeline: Pipeline, settings = DEFAULT_STATE_SETTINGS) {
  const store = new MemoryStore({ maxEntries: settings.maxEntries });
  const service = new ConversationService(pipeline, store, {
    conversationTtlMs: settings.savedRoutineTtlMs,
    userTtlMs: settings.savedRoutineTtlMs,
  });
  return { store, service };
}
