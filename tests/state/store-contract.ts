import type { StateStore } from '../../src/state/store';

/**
 * What every StateStore promises (src/state/store.ts), run against each implementation: the
 * memory store, Redis and DynamoDB. `connect()` gives a store on the same data as the others it
 * gives within one test (another instance, another Lambda container); `fresh()` gives one on data
 * of its own. Both are closed by the caller's afterEach.
 */
export interface ContractBackend {
  fresh(): StateStore;
  /** Several clients of one shared keyspace. */
  shared(count: number): StateStore[];
  /** Clients and increments each in the increment race (default 20 × 10; emulators use fewer). */
  race?: { racers: number; rounds: number };
}

const HOUR = 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeStoreContract(name: string, backend: () => ContractBackend): void {
  describe(`${name}: the StateStore contract`, () => {
    it('is ready and returns undefined for an absent key', async () => {
      const s = backend().fresh();
      expect(await s.ready()).toBe(true);
      expect(await s.get('v1:conv:webchat:absent')).toBeUndefined();
    });

    it('round-trips JSON values and counts versions from 1', async () => {
      const s = backend().fresh();
      const value = { routine: { id: 'kneading', step: 2 }, seen: ['a', 'ü'], n: null };
      expect(await s.set('k', value, { ttlMs: HOUR })).toEqual({ ok: true, version: 1 });
      expect(await s.get('k')).toEqual({ value, version: 1, json: JSON.stringify(value) });
      expect(await s.set('k', 'second', { ttlMs: HOUR })).toEqual({ ok: true, version: 2 });
      expect(await s.set('k', 3, { ttlMs: HOUR })).toEqual({ ok: true, version: 3 });
      expect(await s.get('k')).toEqual({ value: 3, version: 3, json: '3' });
    });

    it('deletes a key, after which its version starts again at 1', async () => {
      const s = backend().fresh();
      await s.set('k', 'a', { ttlMs: HOUR });
      await s.set('k', 'b', { ttlMs: HOUR });
      await s.delete('k');
      expect(await s.get('k')).toBeUndefined();
      await expect(s.delete('k')).resolves.toBeUndefined();
      expect(await s.set('k', 'c', { ttlMs: HOUR, expectedVersion: 0 })).toEqual({
        ok: true,
        version: 1,
      });
    });

    it('refuses values that are not JSON and TTLs that are not positive, writing nothing', async () => {
      const s = backend().fresh();
      await expect(s.set('k', undefined, { ttlMs: HOUR })).rejects.toThrow(TypeError);
      await expect(s.set('k', 1, { ttlMs: 0 })).rejects.toThrow(RangeError);
      await expect(s.set('k', 1, { ttlMs: Number.NaN })).rejects.toThrow(RangeError);
      expect(await s.get('k')).toBeUndefined();
    });

    it('lets a key expire after its TTL, and its version starts again', async () => {
      const s = backend().fresh();
      await s.set('k', 'a', { ttlMs: 300 });
      await s.set('k', 'b', { ttlMs: 300 });
      expect(await s.get('k')).toEqual({ value: 'b', version: 2, json: '"b"' });
      await sleep(600);
      expect(await s.get('k')).toBeUndefined();
      // An expired key is absent for compare-and-set too.
      expect(await s.set('k', 'stale', { ttlMs: HOUR, expectedVersion: 2 })).toEqual({
        ok: false,
        version: 0,
      });
      expect(await s.set('k', 'c', { ttlMs: HOUR, expectedVersion: 0 })).toEqual({
        ok: true,
        version: 1,
      });
    });

    it('refuses a stale version and reports the current one, writing nothing', async () => {
      const s = backend().fresh();
      expect(await s.set('k', 'first', { ttlMs: HOUR, expectedVersion: 0 })).toEqual({
        ok: true,
        version: 1,
      });
      expect(await s.set('k', 'second', { ttlMs: HOUR, expectedVersion: 1 })).toEqual({
        ok: true,
        version: 2,
      });
      expect(await s.set('k', 'stale', { ttlMs: HOUR, expectedVersion: 1 })).toEqual({
        ok: false,
        version: 2,
      });
      expect(await s.set('k', 'future', { ttlMs: HOUR, expectedVersion: 7 })).toEqual({
        ok: false,
        version: 2,
      });
      expect(await s.get('k')).toEqual({ value: 'second', version: 2, json: '"second"' });
    });

    it('treats expectedVersion 0 as "only if absent"', async () => {
      const s = backend().fresh();
      await s.set('k', 'existing', { ttlMs: HOUR });
      expect(await s.set('k', 'again', { ttlMs: HOUR, expectedVersion: 0 })).toEqual({
        ok: false,
        version: 1,
      });
      expect(await s.set('absent', 'x', { ttlMs: HOUR, expectedVersion: 1 })).toEqual({
        ok: false,
        version: 0,
      });
      expect(await s.get('absent')).toBeUndefined();
      expect(await s.get('k')).toEqual({ value: 'existing', version: 1, json: '"existing"' });
    });

    it.each([0, 3])(
      'lets exactly one of 40 concurrent writers of version %i win',
      async (start) => {
        const writers = backend().shared(8);
        const [first] = writers;
        for (let v = 0; v < start; v++) await first!.set('k', `v${v}`, { ttlMs: HOUR });
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            writers[i % writers.length]!.set('k', `writer ${i}`, {
              ttlMs: HOUR,
              expectedVersion: start,
            }),
          ),
        );
        const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual(
          Array.from({ length: 39 }, () => ({ ok: false, version: start + 1 })),
        );
        expect(await first!.get('k')).toEqual({
          value: `writer ${winners[0]}`,
          version: start + 1,
          json: JSON.stringify(`writer ${winners[0]}`),
        });
      },
    );

    it('loses no update when clients race read-modify-write increments', async () => {
      const { racers, rounds } = backend().race ?? { racers: 20, rounds: 10 };
      const clients = backend().shared(racers);
      let conflicts = 0;
      const increment = async (s: StateStore) => {
        for (;;) {
          const current = await s.get<number>('counter');
          const result = await s.set('counter', (current?.value ?? 0) + 1, {
            ttlMs: HOUR,
            expectedVersion: current?.version ?? 0,
          });
          if (result.ok) return;
          conflicts++;
        }
      };
      await Promise.all(
        clients.map(async (s) => {
          for (let i = 0; i < rounds; i++) await increment(s);
        }),
      );
      const total = racers * rounds;
      expect(await clients[0]!.get('counter')).toEqual({
        value: total,
        version: total,
        json: String(total),
      });
      // The clients really did collide, so the version check was exercised.
      expect(conflicts).toBeGreaterThan(0);
    });
  });
}
