import type Redis from 'ioredis';
import { StateUnavailableError } from '../../src/state/errors';
import { RedisStore } from '../../src/state/redis-store';
import { startRedis, type RedisServer } from '../helpers/redis-server';

// These tests stop, pause and restart Redis, so they always use a private server, never the CI's
// shared one.
jest.setTimeout(20_000);

/** Well under the 2 s a caller may wait; the command timeout is 500 ms. */
const PROMPT_MS = 1_000;

let server: RedisServer;
const stores: RedisStore[] = [];
const failures: string[] = [];
const processErrors: unknown[] = [];
const onProcessError = (err: unknown) => processErrors.push(err);

function store() {
  const s = new RedisStore({
    url: server.url,
    prefix: 'faults:',
    onError: (operation) => failures.push(operation),
  });
  stores.push(s);
  return s;
}

/** Resolves with how long the call took and what it rejected with (it must reject). */
async function rejection(call: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await call();
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
  throw new Error('expected the call to reject');
}

async function expectUnavailable(operation: string, call: () => Promise<unknown>) {
  const { ms, error } = await rejection(call);
  expect(error).toBeInstanceOf(StateUnavailableError);
  expect((error as StateUnavailableError).code).toBe('STATE_UNAVAILABLE');
  expect((error as Error).message).toContain(`${operation}:`);
  expect(ms).toBeLessThan(PROMPT_MS);
}

beforeAll(async () => {
  server = await startRedis();
  process.on('unhandledRejection', onProcessError);
  process.on('uncaughtException', onProcessError);
});

beforeEach(async () => {
  failures.length = 0;
  processErrors.length = 0;
  await server.restart(); // every test starts with a fresh, empty, running server
});

afterEach(async () => {
  server.resume();
  await Promise.all(stores.splice(0).map((s) => s.close()));
  // Errors from the client (connection refused, reset) must never escape to the process.
  expect(processErrors).toEqual([]);
});

afterAll(async () => {
  process.off('unhandledRejection', onProcessError);
  process.off('uncaughtException', onProcessError);
  await server?.stop();
});

describe('RedisStore when Redis goes away', () => {
  it('fails fast while Redis is down and recovers by itself when it is back', async () => {
    const s = store();
    expect(await s.set('k', 'before', { ttlMs: 60_000 })).toEqual({ ok: true, version: 1 });

    await server.stop();
    await expectUnavailable('get', () => s.get('k'));
    await expectUnavailable('set', () => s.set('k', 'during', { ttlMs: 60_000 }));
    await expectUnavailable('delete', () => s.delete('k'));
    const probe = Date.now();
    expect(await s.ready()).toBe(false);
    expect(Date.now() - probe).toBeLessThan(PROMPT_MS);
    // Still failing fast after a while (the client is busy reconnecting in the background).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expectUnavailable('get', () => s.get('k'));
    expect(failures).toEqual(['get', 'set', 'delete', 'get']);

    await server.restart(); // same port, empty (no persistence), script cache empty
    expect(await s.waitUntilReady(5_000)).toBe(true);
    expect(await s.get('k')).toBeUndefined();
    expect(await s.set('k', 'after', { ttlMs: 60_000, expectedVersion: 0 })).toEqual({
      ok: true,
      version: 1,
    });
    expect(await s.get('k')).toEqual({ value: 'after', version: 1, json: JSON.stringify('after') });
    expect(failures).toHaveLength(4);
  });

  it('can be constructed while Redis is down and works once Redis starts', async () => {
    await server.stop();
    const s = store();
    // Without an 'error' listener ioredis reports every failed reconnect as an unhandled error
    // event (printed, not thrown, and invisible under jest, whose Error differs from node's).
    expect((s as unknown as { client: Redis }).client.listenerCount('error')).toBeGreaterThan(0);
    expect(await s.ready()).toBe(false);
    await expectUnavailable('get', () => s.get('k'));
    await expectUnavailable('set', () => s.set('k', 1, { ttlMs: 60_000 }));

    await server.restart();
    expect(await s.waitUntilReady(5_000)).toBe(true);
    expect(await s.set('k', 1, { ttlMs: 60_000 })).toEqual({ ok: true, version: 1 });
    expect(await s.get('k')).toEqual({ value: 1, version: 1, json: JSON.stringify(1) });
  });

  it('times out against a hung Redis instead of waiting for it', async () => {
    const s = store();
    await s.set('k', 'before', { ttlMs: 60_000 });

    server.pause(); // connection stays open, nothing answers
    await expectUnavailable('get', () => s.get('k'));
    await expectUnavailable('delete', () => s.delete('other'));
    expect(await s.ready()).toBe(false);
    expect(failures).toEqual(['get', 'delete']);

    server.resume();
    expect(await s.waitUntilReady(5_000)).toBe(true);
    expect(await s.get('k')).toEqual({
      value: 'before',
      version: 1,
      json: JSON.stringify('before'),
    });
  });

  it('closes promptly even while Redis is down, and fails as unavailable after', async () => {
    const s = store();
    expect(await s.ready()).toBe(true);
    await server.stop();
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1_500);
    await s.close(); // closing twice is harmless
    expect(await s.ready()).toBe(false);
    await expectUnavailable('get', () => s.get('k'));
  });

  it('closes a healthy connection cleanly', async () => {
    const s = store();
    await s.set('k', 1, { ttlMs: 60_000 });
    await s.close();
    expect(await s.ready()).toBe(false);
    await expectUnavailable('set', () => s.set('k', 2, { ttlMs: 60_000 }));
  });
});
