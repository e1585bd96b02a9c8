import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { StateUnavailableError } from './errors';
import type { SetOptions, SetResult, StateStore, Versioned } from './store';

export interface RedisStoreOptions {
  /** e.g. `redis://127.0.0.1:6379` or `rediss://user:pass@host:6380/0`. */
  url: string;
  /** Put before every key, so several deployments can share one Redis. Default `neckbot:`. */
  prefix?: string;
  /** A command without a reply within this many ms fails as unavailable. Default 500. */
  commandTimeoutMs?: number;
  /** A TCP connection not established within this many ms is dropped and retried. Default 2000. */
  connectTimeoutMs?: number;
  /**
   * Called once for every get/set/delete that fails with `StateUnavailableError` (its operation:
   * `get`, `set` or `delete`), e.g. to count failures in a metric. Must not throw.
   */
  onError?: (operation: string) => void;
}

export const REDIS_STORE_DEFAULTS = {
  prefix: 'neckbot:',
  commandTimeoutMs: 500,
  connectTimeoutMs: 2000,
} as const;

/** Reconnect delays grow by 100 ms per attempt up to this cap, forever. */
const MAX_RECONNECT_DELAY_MS = 1000;
/** close() waits this long for QUIT before dropping the connection. */
const QUIT_TIMEOUT_MS = 1000;

/**
 * Compare-and-set in one step. KEYS[1]: the key. ARGV: JSON, TTL in ms, expected version ('' for
 * none). Returns {1, newVersion} or {0, currentVersion}. An absent (or expired) key is version 0.
 */
const CAS_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'v')) or 0
if ARGV[3] ~= '' and tonumber(ARGV[3]) ~= current then
  return {0, current}
end
local version = current + 1
redis.call('HSET', KEYS[1], 'v', version, 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, version}
`;
const CAS_SHA = createHash('sha1').update(CAS_SCRIPT).digest('hex');

/**
 * Server replies that mean "Redis cannot serve us right now" rather than "this call is wrong".
 * Other replies (WRONGTYPE, ERR …) are bugs or foreign data and are rethrown as they are.
 */
const UNAVAILABLE_REPLIES = new Set([
  'LOADING',
  'BUSY',
  'MASTERDOWN',
  'READONLY',
  'OOM',
  'MISCONF',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'NOREPLICAS',
  'NOAUTH',
  'WRONGPASS',
  'NOPERM',
]);

/**
 * The shared state store: each key `${prefix}${key}` is a Redis hash with the version (`v`) and
 * the JSON value (`d`), and a TTL refreshed on every write. Same semantics as MemoryStore.
 *
 * The client never queues commands while disconnected (a command waits at most one command timeout
 * for a connection attempt under way) and bounds every command by a timeout, so a Redis outage
 * turns into prompt `StateUnavailableError`s; it keeps reconnecting in the background and the same
 * instance recovers by itself when Redis is back. A `set` that times out may still be
 * applied by Redis later; compare-and-set callers are safe, as the next write sees the new version.
 */
export class RedisStore implements StateStore {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly onError: ((operation: string) => void) | undefined;
  private readonly commandTimeoutMs: number;
  private closing: Promise<void> | undefined;
  /** Settles when the connection attempt under way ends (ready, or closed); shared by callers. */
  private attempt: Promise<void> | undefined;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.prefix ?? REDIS_STORE_DEFAULTS.prefix;
    this.onError = options.onError;
    this.commandTimeoutMs = options.commandTimeoutMs ?? REDIS_STORE_DEFAULTS.commandTimeoutMs;
    this.client = new Redis(options.url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      // Commands in flight when the connection drops fail at once and are never sent again.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: this.commandTimeoutMs,
      connectTimeout: options.connectTimeoutMs ?? REDIS_STORE_DEFAULTS.connectTimeoutMs,
      retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
    });
    // Connection errors are reported through the failing operations; without a listener ioredis
    // would print each one as an unhandled error event.
    this.client.on('error', () => {});
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const [version, data] = await this.call('get', () =>
      this.client.hmget(this.prefix + key, 'v', 'd'),
    );
    if (version === null || version === undefined || data === null || data === undefined) {
      return undefined;
    }
    return { value: JSON.parse(data) as T, version: Number(version), json: data };
  }

  async set<T>(key: string, value: T, options: SetOptions): Promise<SetResult> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`value for "${key}" cannot be stored as JSON`);
    if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
      throw new RangeError(`ttlMs must be a positive number, got ${options.ttlMs}`);
    }
    const args = [
      json,
      String(Math.ceil(options.ttlMs)),
      options.expectedVersion === undefined ? '' : String(options.expectedVersion),
    ];
    const reply = await this.call('set', () => this.cas(this.prefix + key, args));
    if (!Array.isArray(reply) || reply.length !== 2) {
      throw new Error(`unexpected reply from the compare-and-set script: ${JSON.stringify(reply)}`);
    }
    const [ok, version] = reply.map(Number) as [number, number];
    return ok === 1 ? { ok: true, version } : { ok: false, version };
  }

  async delete(key: string): Promise<void> {
    await this.call('delete', () => this.client.del(this.prefix + key));
  }

  async ready(): Promise<boolean> {
    try {
      await this.connectionAttempt();
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Polls `ready()` until it is true (→ true) or `timeoutMs` has passed (→ false). */
  async waitUntilReady(timeoutMs: number, intervalMs = 50): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.ready()) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  /** QUIT (pending replies are delivered), or drop the connection if that fails or takes > 1 s. */
  close(): Promise<void> {
    this.closing ??= this.quit();
    return this.closing;
  }

  private async quit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), QUIT_TIMEOUT_MS);
    });
    const quitted = this.client.quit().then(
      () => true,
      () => false,
    );
    const ok = await Promise.race([quitted, timedOut]);
    clearTimeout(timer);
    if (!ok) this.client.disconnect();
  }

  private async cas(key: string, args: string[]): Promise<unknown> {
    try {
      return await this.client.evalsha(CAS_SHA, 1, key, ...args);
    } catch (err) {
      // A restarted (or flushed) Redis has forgotten the script: send it in full once.
      if (replyCode(err) !== 'NOSCRIPT') throw err;
      return await this.client.eval(CAS_SCRIPT, 1, key, ...args);
    }
  }

  /**
   * While a connection attempt is under way (at startup, or reconnecting), wait for it, at most one
   * command timeout, rather than fail a command that would have succeeded a moment later. Between
   * attempts (Redis known to be down) this returns at once, so commands fail fast.
   */
  private async connectionAttempt(): Promise<void> {
    const status = this.client.status;
    if (status !== 'connecting' && status !== 'connect') return;
    this.attempt ??= new Promise<void>((resolve) => {
      const settle = () => {
        this.client.off('ready', settle);
        this.client.off('close', settle);
        this.attempt = undefined;
        resolve();
      };
      this.client.on('ready', settle);
      this.client.on('close', settle);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.attempt,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.commandTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  private async call<R>(operation: string, command: () => Promise<R>): Promise<R> {
    try {
      await this.connectionAttempt();
      return await command();
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      try {
        this.onError?.(operation);
      } catch {
        // A failing hook must not hide the outage from the caller.
      }
      throw new StateUnavailableError(operation, err);
    }
  }
}

function replyCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || err.name !== 'ReplyError') return undefined;
  return /^[A-Z]+/.exec(err.message)?.[0];
}

/** Connection, timeout and "server cannot serve now" failures, as opposed to bugs. */
function isUnavailable(err: unknown): boolean {
  const code = replyCode(err);
  if (code === undefined) return err instanceof Error;
  return UNAVAILABLE_REPLIES.has(code);
}
