import type { SetOptions, SetResult, StateStore, Versioned } from './store';

interface Entry {
  json: string;
  version: number;
  expiresAt: number;
}

export interface MemoryStoreOptions {
  /** Least-recently-used entries are evicted beyond this many, so memory stays bounded. */
  maxEntries: number;
  now?: () => number;
}

/**
 * The embedded state store: in memory, with a TTL per key and LRU eviction. Values are stored as
 * JSON, so callers can never share (and mutate) an object across conversations.
 */
export class MemoryStore implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get<T>(key: string): Promise<Versioned<T> | undefined> {
    const entry = this.live(key);
    if (!entry) return Promise.resolve(undefined);
    // Map keeps insertion order: re-inserting marks the key as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return Promise.resolve({
      value: JSON.parse(entry.json) as T,
      version: entry.version,
      json: entry.json,
    });
  }

  set<T>(key: string, value: T, options: SetOptions): Promise<SetResult> {
    const json = JSON.stringify(value);
    if (json === undefined) {
      return Promise.reject(new TypeError(`value for "${key}" cannot be stored as JSON`));
    }
    if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
      return Promise.reject(
        new RangeError(`ttlMs must be a positive number, got ${options.ttlMs}`),
      );
    }
    const current = this.live(key);
    const currentVersion = current?.version ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== currentVersion) {
      return Promise.resolve({ ok: false, version: currentVersion });
    }
    const version = currentVersion + 1;
    this.entries.delete(key);
    this.entries.set(key, {
      json,
      version,
      expiresAt: this.now() + options.ttlMs,
    });
    this.evict();
    return Promise.resolve({ ok: true, version });
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private evict(): void {
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.entries.delete(oldest.value);
    }
  }
}
