import { RateLimiter } from '../../http/rate-limit';

/** Fetches a PEM certificate chain by URL. */
export type FetchCertChain = (url: string) => Promise<string>;

export interface CertChainCacheOptions {
  /** When a fetched chain stops being usable (epoch ms); undefined means "do not cache it". */
  expiresAt: (pem: string) => number | undefined;
  maxEntries: number;
  /** A failed fetch is answered from memory (failing again) for this long; default 30 s. */
  failureTtlMs?: number;
  /** Fetches in flight at once; a miss beyond it fails at once; default 4. */
  maxConcurrent?: number;
  /** Fetches started per minute, whatever the URL; beyond it a miss fails at once; default 30. */
  maxPerMinute?: number;
  now?: () => number;
}

interface CacheEntry {
  pem: string;
  expiresAt: number;
}

/** Why a certificate chain was not fetched this time (the request is refused, 400). */
export class CertFetchRefused extends Error {
  override name = 'CertFetchRefused';
}

const MAX_REMEMBERED_FAILURES = 256;

/**
 * Wraps a fetcher with a bounded least-recently-used cache keyed by URL. Entries live until their
 * `expiresAt`; concurrent misses for one URL share a single fetch. Every distinct well-formed URL
 * used to mean a fresh outbound fetch, and failures were not remembered (626 fetches in 60 s from
 * one client): now a failure is remembered for `failureTtlMs`, at most `maxConcurrent` fetches run
 * at once and at most `maxPerMinute` start per minute. Amazon signs with a handful of chains that
 * change rarely, so real traffic is served from the cache.
 */
export function cachedCertChainFetcher(
  fetchChain: FetchCertChain,
  options: CertChainCacheOptions,
): FetchCertChain {
  const now = options.now ?? Date.now;
  const failureTtlMs = options.failureTtlMs ?? 30_000;
  const maxConcurrent = options.maxConcurrent ?? 4;
  const perMinute = options.maxPerMinute ?? 30;
  const budget = new RateLimiter({ ratePerSecond: perMinute / 60, burst: perMinute, now });
  const entries = new Map<string, CacheEntry>();
  const failures = new Map<string, number>();
  const inFlight = new Map<string, Promise<string>>();

  function remember(url: string, pem: string): void {
    const expiresAt = options.expiresAt(pem);
    if (expiresAt === undefined || expiresAt <= now()) return;
    entries.set(url, { pem, expiresAt });
    for (const oldest of entries.keys()) {
      if (entries.size <= options.maxEntries) break;
      entries.delete(oldest);
    }
  }

  function rememberFailure(url: string): void {
    failures.delete(url);
    failures.set(url, now() + failureTtlMs);
    for (const oldest of failures.keys()) {
      if (failures.size <= MAX_REMEMBERED_FAILURES) break;
      failures.delete(oldest);
    }
  }

  function startFetch(url: string): Promise<string> {
    // Start on a later tick so even a fetcher that throws synchronously is removed from inFlight.
    const pending = Promise.resolve()
      .then(() => fetchChain(url))
      .then(
        (pem) => {
          remember(url, pem);
          return pem;
        },
        (err: unknown) => {
          rememberFailure(url);
          throw err;
        },
      )
      .finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
    return pending;
  }

  return (url) => {
    const cached = entries.get(url);
    entries.delete(url);
    if (cached && now() < cached.expiresAt) {
      entries.set(url, cached); // re-insert: Map order doubles as recency order
      return Promise.resolve(cached.pem);
    }
    const shared = inFlight.get(url);
    if (shared) return shared;
    const failedUntil = failures.get(url);
    if (failedUntil !== undefined && now() < failedUntil)
      return Promise.reject(new CertFetchRefused('fetch failed moments ago'));
    if (inFlight.size >= maxConcurrent)
      return Promise.reject(new CertFetchRefused('too many fetches in flight'));
    if (!budget.take('all')) return Promise.reject(new CertFetchRefused('fetch budget spent'));
    return startFetch(url);
  };
}
