/** Fetches a PEM certificate chain by URL. */
export type FetchCertChain = (url: string) => Promise<string>;

export interface CertChainCacheOptions {
  /** When a fetched chain stops being usable (epoch ms); undefined means "do not cache it". */
  expiresAt: (pem: string) => number | undefined;
  maxEntries: number;
  now?: () => number;
}

interface CacheEntry {
  pem: string;
  expiresAt: number;
}

/**
 * Wraps a fetcher with a bounded least-recently-used cache keyed by URL. Entries live until their
 * `expiresAt`; concurrent misses for one URL share a single fetch.
 */
export function cachedCertChainFetcher(
  fetchChain: FetchCertChain,
  options: CertChainCacheOptions,
): FetchCertChain {
  const now = options.now ?? Date.now;
  const entries = new Map<string, CacheEntry>();
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

  function startFetch(url: string): Promise<string> {
    // Start on a later tick so even a fetcher that throws synchronously is removed from inFlight.
    const pending = Promise.resolve()
      .then(() => fetchChain(url))
      .then((pem) => {
        remember(url, pem);
        return pem;
      })
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
    return inFlight.get(url) ?? startFetch(url);
  };
}
