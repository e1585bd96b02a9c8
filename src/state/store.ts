/** One small interface for conversation and user state; the embedded default is MemoryStore. */
export interface Versioned<T> {
  value: T;
  /** Increases by one on every write; compare-and-set checks it. */
  version: number;
  /** The stored JSON text of `value` (lets a caller see whether a new value differs, cheaply). */
  json: string;
}

export interface SetOptions {
  ttlMs: number;
  /** Write only if the stored version is still this (0: only if absent). Omit to write anyway. */
  expectedVersion?: number;
}

export type SetResult = { ok: true; version: number } | { ok: false; version: number };

/**
 * get/set/delete reject with `StateUnavailableError` (and only that) when the backing service
 * cannot be reached, so callers can degrade instead of failing the turn.
 */
export interface StateStore {
  get<T>(key: string): Promise<Versioned<T> | undefined>;
  set<T>(key: string, value: T, options: SetOptions): Promise<SetResult>;
  delete(key: string): Promise<void>;
  /** True when the store answers right now (readiness probe); never rejects. */
  ready(): Promise<boolean>;
  /** Releases connections; later calls may reject. */
  close(): Promise<void>;
}
