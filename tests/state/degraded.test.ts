import { textTurn } from '../../src/core/turn';
import { ConversationService, type TurnRecord } from '../../src/state/conversation-service';
import { StateUnavailableError } from '../../src/state/errors';
import { MemoryStore } from '../../src/state/memory-store';
import type { StateStore } from '../../src/state/store';
import { pipeline } from '../helpers/pipeline';

const HOUR = 60 * 60 * 1000;
const ids = { channel: 'webchat', conversationId: 'c1', userId: 'u1' };

/** A memory store that can be switched "down" for reads, writes or both. */
function switchableStore() {
  const inner = new MemoryStore({ maxEntries: 100 });
  const down = { get: false, set: false };
  const store: StateStore = {
    get: (key) => (down.get ? Promise.reject(new StateUnavailableError('get')) : inner.get(key)),
    set: (key, value, opts) =>
      down.set ? Promise.reject(new StateUnavailableError('set')) : inner.set(key, value, opts),
    delete: (key) => inner.delete(key),
    ready: () => Promise.resolve(!down.get && !down.set),
    close: () => Promise.resolve(),
  };
  return { store, down };
}

function service(store: StateStore, records: TurnRecord[] = []) {
  return new ConversationService(pipeline(), store, {
    conversationTtlMs: HOUR,
    userTtlMs: HOUR,
    onTurn: (r) => records.push(r),
  });
}

describe('when the state store is unreachable', () => {
  it('still answers questions, and safety still routes first', async () => {
    const { store, down } = switchableStore();
    down.get = down.set = true;
    const records: TurnRecord[] = [];
    const s = service(store, records);

    const answer = await s.handle(textTurn('is it safe to massage my neck', ids));
    expect(answer.outcome.kind).toBe('answer');
    const dizzy = await s.handle(textTurn('I feel dizzy', ids));
    expect(dizzy.outcome).toMatchObject({ kind: 'precaution', id: 'precaution-dizziness' });
    expect(records.map((r) => r.degraded)).toEqual([true, true]);
  });

  it('says a routine cannot keep its place instead of starting one it would lose', async () => {
    const { store, down } = switchableStore();
    down.get = true;
    const reply = await service(store).handle(textTurn('start neck stretches', ids));
    expect(reply.text).toMatch(/can't keep my place in a routine right now/);
    expect(reply.routine).toBeUndefined();
    expect(reply.suggestions.map((x) => x.value)).not.toContain('start neck stretches');
  });

  it('does not pretend a step moved on when the write fails', async () => {
    const { store, down } = switchableStore();
    const s = service(store);
    expect((await s.handle(textTurn('start neck stretches', ids))).routine?.step).toBe(1);
    down.set = true;
    const next = await s.handle(textTurn('next', ids));
    expect(next.text).toMatch(/can't keep my place/);
    down.set = false;
    // Nothing was lost: the next turn after recovery carries on from the saved step.
    expect((await s.handle(textTurn('next', ids))).routine?.step).toBe(2);
  });

  it('still fails loudly on errors that are not an outage', async () => {
    const inner = new MemoryStore({ maxEntries: 10 });
    const broken: StateStore = {
      get: () => Promise.reject(new Error('bug')),
      set: (k, v, o) => inner.set(k, v, o),
      delete: (k) => inner.delete(k),
      ready: () => Promise.resolve(true),
      close: () => Promise.resolve(),
    };
    await expect(service(broken).handle(textTurn('hello', ids))).rejects.toThrow('bug');
  });
});

describe('turns in flight', () => {
  it('are counted until answered, and idle() waits for them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = new MemoryStore({ maxEntries: 10 });
    const slow: StateStore = {
      get: async (k) => {
        await gate;
        return inner.get(k);
      },
      set: (k, v, o) => inner.set(k, v, o),
      delete: (k) => inner.delete(k),
      ready: () => Promise.resolve(true),
      close: () => Promise.resolve(),
    };
    const s = service(slow);
    const pending = s.handle(textTurn('hello', ids));
    expect(s.turnsInFlight).toBe(1);
    let idle = false;
    const waiting = s.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle).toBe(false);
    release();
    await pending;
    await waiting;
    expect(idle).toBe(true);
    expect(s.turnsInFlight).toBe(0);
  });
});
