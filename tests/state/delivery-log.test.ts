import { LocalDeliveryLog, SharedDeliveryLog } from '../../src/state/delivery-log';
import { StateUnavailableError } from '../../src/state/errors';
import { MemoryStore } from '../../src/state/memory-store';
import type { StateStore } from '../../src/state/store';

describe('delivery logs', () => {
  it('see an id once per conversation, locally and through a shared store', async () => {
    for (const log of [
      new LocalDeliveryLog(),
      new SharedDeliveryLog(new MemoryStore({ maxEntries: 100 })),
    ]) {
      expect(await log.firstDelivery('msteams', 'c1', 'a1')).toBe(true);
      expect(await log.firstDelivery('msteams', 'c1', 'a1')).toBe(false);
      expect(await log.firstDelivery('msteams', 'c2', 'a1')).toBe(true);
      expect(await log.firstDelivery('webchat', 'c1', 'a1')).toBe(true);
    }
  });

  it('two instances on one store: only one of them answers', async () => {
    const store = new MemoryStore({ maxEntries: 100 });
    const [a, b] = [new SharedDeliveryLog(store), new SharedDeliveryLog(store)];
    const results = await Promise.all([a, b, a, b].map((log) => log.firstDelivery('t', 'c', 'x')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('answers rather than drops when the store is down', async () => {
    const down: StateStore = {
      get: () => Promise.reject(new StateUnavailableError('get')),
      set: () => Promise.reject(new StateUnavailableError('set')),
      delete: () => Promise.reject(new StateUnavailableError('delete')),
      ready: () => Promise.resolve(false),
      close: () => Promise.resolve(),
    };
    expect(await new SharedDeliveryLog(down).firstDelivery('t', 'c', 'x')).toBe(true);
  });

  it('stays bounded in one process, always remembering the most recent half of its limit', async () => {
    const log = new LocalDeliveryLog(10);
    for (let id = 1; id <= 1000; id++)
      expect(await log.firstDelivery('t', 'c', String(id))).toBe(true);
    // The last five (limit / 2) are always remembered: a retry of any of them is caught.
    for (let id = 996; id <= 1000; id++)
      expect(await log.firstDelivery('t', 'c', String(id))).toBe(false);
    // Old ids are forgotten, so memory stays bounded.
    expect(await log.firstDelivery('t', 'c', '1')).toBe(true);
    expect(await log.firstDelivery('t', 'c', '980')).toBe(true);
  });
});
