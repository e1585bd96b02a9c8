import type { Reply } from '../../src/core/reply';
import { textTurn } from '../../src/core/turn';
import { ConversationService } from '../../src/state/conversation-service';
import { KeyedQueue } from '../../src/state/keyed-queue';
import { MemoryStore } from '../../src/state/memory-store';
import type { SetOptions, SetResult, StateStore, Versioned } from '../../src/state/store';
import { pipeline } from '../helpers/pipeline';

const HOUR = 3_600_000;
const options = { conversationTtlMs: 24 * HOUR, userTtlMs: 24 * HOUR };
const ids = { channel: 'test', conversationId: 'c1', userId: 'u1' };

describe('ConversationService', () => {
  it('applies concurrent turns of one conversation one at a time (no lost updates)', async () => {
    const service = new ConversationService(
      pipeline(),
      new MemoryStore({ maxEntries: 100 }),
      options,
    );
    await service.handle(textTurn('start neck stretches', ids));
    const replies = await Promise.all(
      [1, 2, 3, 4].map(() => service.handle(textTurn('next', ids))),
    );
    expect(replies.map((r) => r.routine?.step)).toEqual([2, 3, 4, 5]);
  });

  it('runs the turn again when another instance wrote the conversation first', async () => {
    const inner = new MemoryStore({ maxEntries: 100 });
    let interfere = true;
    // A store that lets "another instance" advance the routine between our read and our write.
    const racing: StateStore = {
      get: <T>(key: string) => inner.get<T>(key),
      delete: (key: string) => inner.delete(key),
      ready: () => inner.ready(),
      close: () => inner.close(),
      async set<T>(key: string, value: T, opts: SetOptions): Promise<SetResult> {
        if (interfere && key.includes(':conv:')) {
          interfere = false;
          const current = (await inner.get<{ routine: { step: number } }>(key)) as Versioned<{
            routine: { id: string; step: number; status: string };
          }>;
          await inner.set(
            key,
            { ...current.value, routine: { ...current.value.routine, step: 3 } },
            { ttlMs: HOUR },
          );
        }
        return inner.set(key, value, opts);
      },
    };
    const service = new ConversationService(pipeline(), racing, options);
    interfere = false;
    await service.handle(textTurn('start neck stretches', ids));
    interfere = true;
    const reply = await service.handle(textTurn('next', ids));
    expect(reply.routine?.step).toBe(4); // built on the other instance's step 3, not on the stale step 1
  });

  it('keys state by channel and conversation, so conversations never share a routine', async () => {
    const service = new ConversationService(
      pipeline(),
      new MemoryStore({ maxEntries: 100 }),
      options,
    );
    await service.handle(textTurn('start neck stretches', ids));
    const other = await service.handle(
      textTurn('next', { ...ids, conversationId: 'c2', userId: 'u2' }),
    );
    expect(other.routine).toBeUndefined();
  });

  it('runs the core turns of concurrent conversations back to back, then answers each', async () => {
    const core = pipeline();
    const events: string[] = [];
    // The same pipeline, logging each core turn; `respond` keeps its own `this`.
    const logged = Object.create(core) as typeof core;
    logged.respond = (...args: Parameters<typeof core.respond>) => {
      events.push(`core ${args[0].conversationId}`);
      return core.respond(...args);
    };
    const service = new ConversationService(logged, new MemoryStore({ maxEntries: 100 }), options);
    // Each turn arrives in a callback of its own in one event-loop pass, as requests read from
    // several sockets do; without batching each core turn would run inside its own callback.
    const replies = await Promise.all(
      ['a', 'b', 'c'].map(
        (c) =>
          new Promise<Reply>((resolve, reject) =>
            setImmediate(() => {
              service
                .handle(textTurn('is it safe to massage my neck', { ...ids, conversationId: c }))
                .then((reply) => {
                  events.push(`reply ${c}`);
                  resolve(reply);
                }, reject);
            }),
          ),
      ),
    );
    expect(events).toEqual(['core a', 'core b', 'core c', 'reply a', 'reply b', 'reply c']);
    expect(new Set(replies.map((r) => r.outcome.id))).toEqual(new Set(['is-neck-massage-safe']));
  });
});

describe('KeyedQueue', () => {
  it('keeps order per key and forgets keys when idle', async () => {
    const q = new KeyedQueue();
    const order: number[] = [];
    const slow = q.run(
      'a',
      () => new Promise<void>((r) => setTimeout(() => (order.push(1), r()), 20)),
    );
    const fast = q.run('a', () => Promise.resolve(order.push(2)));
    await Promise.all([slow, fast]);
    expect(order).toEqual([1, 2]);
    await new Promise((r) => setImmediate(r));
    expect(q.pending).toBe(0);
  });

  it('keeps going after a task fails', async () => {
    const q = new KeyedQueue();
    await expect(q.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(q.run('a', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
