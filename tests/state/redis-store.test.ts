import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { StateUnavailableError } from '../../src/state/errors';
import { RedisStore } from '../../src/state/redis-store';
import { useRedis } from '../helpers/redis-server';
import { describeStoreContract } from './store-contract';

// Runs on the CI's shared server (REDIS_TEST_URL) or a private one; every test keeps to its own
// random prefix, so suites and runs sharing a server never see each other's keys.
jest.setTimeout(20_000);

let redis: { url: string; stop(): Promise<void> };
let raw: Redis;
const stores: RedisStore[] = [];

function store(prefix = `test:${randomUUID()}:`, onError?: (operation: string) => void) {
  const s = new RedisStore({ url: redis.url, prefix, ...(onError ? { onError } : {}) });
  stores.push(s);
  return s;
}

beforeAll(async () => {
  redis = await useRedis();
  raw = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await raw?.quit();
  await redis?.stop();
});

describeStoreContract('RedisStore', () => ({
  fresh: () => store(),
  shared: (count) => {
    const prefix = `test:${randomUUID()}:`;
    return Array.from({ length: count }, () => store(prefix));
  },
}));

describe('RedisStore keys', () => {
  it('stores each key under its prefix as a hash of version and JSON', async () => {
    const prefix = `test:${randomUUID()}:`;
    const s = store(prefix);
    await s.set('v1:conv:webchat:abc', { step: 1 }, { ttlMs: 60_000 });
    expect(await raw.hgetall(`${prefix}v1:conv:webchat:abc`)).toEqual({
      v: '1',
      d: '{"step":1}',
    });
    expect(await raw.exists('v1:conv:webchat:abc')).toBe(0);
  });

  it('keeps stores with different prefixes apart', async () => {
    const a = store();
    const b = store();
    await a.set('same', 'from a', { ttlMs: 60_000 });
    expect(await b.get('same')).toBeUndefined();
    await b.set('same', 'from b', { ttlMs: 60_000 });
    await b.set('same', 'from b again', { ttlMs: 60_000 });
    expect(await a.get('same')).toEqual({
      value: 'from a',
      version: 1,
      json: JSON.stringify('from a'),
    });
    expect(await b.get('same')).toEqual({
      value: 'from b again',
      version: 2,
      json: JSON.stringify('from b again'),
    });
    await a.delete('same');
    expect(await b.get('same')).toEqual({
      value: 'from b again',
      version: 2,
      json: JSON.stringify('from b again'),
    });
  });

  it('sets the TTL on every write, never leaving a key without one', async () => {
    const prefix = `test:${randomUUID()}:`;
    const s = store(prefix);
    await s.set('k', 1, { ttlMs: 60_000 });
    const first = await raw.pttl(`${prefix}k`);
    expect(first).toBeGreaterThan(55_000);
    expect(first).toBeLessThanOrEqual(60_000);
    // Each write sets the TTL afresh: a shorter one replaces the longer.
    await s.set('k', 2, { ttlMs: 5_000 });
    const second = await raw.pttl(`${prefix}k`);
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThanOrEqual(5_000);
    // …also on a compare-and-set write, and for every key written.
    await s.set('k', 3, { ttlMs: 30_000, expectedVersion: 2 });
    expect(await raw.pttl(`${prefix}k`)).toBeGreaterThan(25_000);
    for (let i = 0; i < 10; i++) await s.set(`key-${i}`, i, { ttlMs: 10_000 + i });
    const keys = await raw.keys(`${prefix}*`);
    expect(keys).toHaveLength(11);
    for (const key of keys) {
      const ttl = await raw.pttl(key);
      expect(ttl).toBeGreaterThan(0); // -1 would be a key without a TTL
      expect(ttl).toBeLessThanOrEqual(30_000);
    }
  });

  it('lets a key expire after its TTL, and its version starts again', async () => {
    const prefix = `test:${randomUUID()}:`;
    const s = store(prefix);
    await s.set('k', 'a', { ttlMs: 200 });
    await s.set('k', 'b', { ttlMs: 200 });
    expect(await s.get('k')).toEqual({ value: 'b', version: 2, json: JSON.stringify('b') });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await s.get('k')).toBeUndefined();
    expect(await raw.exists(`${prefix}k`)).toBe(0);
    expect(await s.set('k', 'c', { ttlMs: 60_000, expectedVersion: 0 })).toEqual({
      ok: true,
      version: 1,
    });
  });
});

describe('RedisStore errors that are not outages', () => {
  it('rethrows a wrong-type key as it is, not as StateUnavailableError', async () => {
    const prefix = `test:${randomUUID()}:`;
    const failures: string[] = [];
    const s = store(prefix, (operation) => failures.push(operation));
    await raw.set(`${prefix}plain`, 'not a hash', 'PX', 60_000);
    const error = await s.get('plain').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StateUnavailableError);
    expect(String(error)).toMatch(/WRONGTYPE/);
    await expect(s.set('plain', 1, { ttlMs: 60_000 })).rejects.toThrow(/WRONGTYPE/);
    expect(failures).toEqual([]);
  });
});
