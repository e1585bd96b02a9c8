import { startRedis } from '../../src/tools/redis-server';

export { startRedis, type RedisServer } from '../../src/tools/redis-server';

/** The server CI started for every suite (`REDIS_TEST_URL`), if any. */
export function sharedRedisUrl(): string | undefined {
  return process.env.REDIS_TEST_URL || undefined;
}

/**
 * The CI's shared server when there is one, otherwise a private one. Tests on a shared server must
 * keep to their own key prefix and never stop it; `stop()` here only stops a private server.
 */
export async function useRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const shared = sharedRedisUrl();
  if (shared) return { url: shared, stop: () => Promise.resolve() };
  const server = await startRedis();
  return { url: server.url, stop: () => server.stop() };
}
