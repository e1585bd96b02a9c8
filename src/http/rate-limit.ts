/**
 * A token bucket per client key: `burst` requests at once, refilled at `ratePerSecond`. The keys
 * are bounded (least recently seen forgotten first), so a flood of distinct addresses costs a fixed
 * amount of memory; a forgotten client simply starts again with a full bucket.
 */
export interface RateLimitOptions {
  ratePerSecond: number;
  burst: number;
  /** Most client keys remembered at once (default 10,000). */
  maxKeys?: number;
  /** Epoch ms; defaults to Date.now. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes one token for `key`; false when its bucket is empty (the request should get 429). */
  take(key: string): boolean {
    const now = this.now();
    const { burst, ratePerSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    this.buckets.delete(key); // re-inserted below: Map order doubles as recency order
    const refilled = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
    const allowed = refilled >= 1;
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, at: now });
    for (const oldest of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(oldest);
    }
    return allowed;
  }

  /** Client keys currently remembered (tests, metrics). */
  get size(): number {
    return this.buckets.size;
  }
}
