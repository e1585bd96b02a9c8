import { MemoryStore } from '../../src/state/memory-store';
import { describeStoreContract } from './store-contract';

describe('MemoryStore', () => {
  let now = 0;
  const store = () => new MemoryStore({ maxEntries: 3, now: () => now });
  beforeEach(() => {
    now = 1_000;
  });

  it('stores JSON copies, so callers cannot mutate what is stored', async () => {
    const s = store();
    const value = { routine: { id: 'kneading', step: 2 } };
    await s.set('k', value, { ttlMs: 1000 });
    value.routine.step = 5;
    expect((await s.get<typeof value>('k'))?.value.routine.step).toBe(2);
  });

  it('expires entries after their TTL', async () => {
    const s = store();
    await s.set('k', 1, { ttlMs: 500 });
    now += 499;
    expect(await s.get('k')).toBeDefined();
    now += 2;
    expect(await s.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its bound', async () => {
    const s = store();
    await s.set('a', 1, { ttlMs: 1000 });
    await s.set('b', 2, { ttlMs: 1000 });
    await s.set('c', 3, { ttlMs: 1000 });
    await s.get('a'); // a is now the most recently used
    await s.set('d', 4, { ttlMs: 1000 });
    expect(s.size).toBe(3);
    expect(await s.get('b')).toBeUndefined();
    expect(await s.get('a')).toBeDefined();
  });

  it('compare-and-set refuses a stale version', async () => {
    const s = store();
    expect(await s.set('k', 'first', { ttlMs: 1000, expectedVersion: 0 })).toEqual({
      ok: true,
      version: 1,
    });
    expect(await s.set('k', 'again', { ttlMs: 1000, expectedVersion: 0 })).toEqual({
      ok: false,
      version: 1,
    });
    expect(await s.set('k', 'second', { ttlMs: 1000, expectedVersion: 1 })).toEqual({
      ok: true,
      version: 2,
    });
    expect((await s.get('k'))?.value).toBe('second');
  });

  it('stays bounded with 100,000 distinct keys', async () => {
    const s = new MemoryStore({ maxEntries: 1000 });
    for (let i = 0; i < 100_000; i++) await s.set(`conv-${i}`, { step: i }, { ttlMs: 60_000 });
    expect(s.size).toBe(1000);
  });
});

describeStoreContract('MemoryStore', () => ({
  fresh: () => new MemoryStore({ maxEntries: 1000 }),
  shared: (count) => {
    const store = new MemoryStore({ maxEntries: 1000 });
    return Array.from({ length: count }, () => store);
  },
}));
