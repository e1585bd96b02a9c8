import { startRedis, type RedisServer } from '../helpers/redis-server';
import { postWebchat, spawnServer, type ServerChild } from '../../src/tools/server-process';

/** A real server process on a real Redis that goes away mid-conversation and comes back. */
let redis: RedisServer;
let server: ServerChild;

async function say(text: string) {
  const res = await postWebchat(server.url, 'outage-conversation', text);
  return { status: res.status, raw: await res.text() };
}

async function readiness(): Promise<number> {
  return (await fetch(`${server.url}/readyz`)).status;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

beforeAll(async () => {
  redis = await startRedis();
  server = await spawnServer('outage', { REDIS_URL: redis.url });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await redis?.stop();
});

it('keeps answering while Redis is down, is not ready, and recovers by itself', async () => {
  expect(await readiness()).toBe(200);
  expect((await say('start neck stretches')).raw).toMatch(/Step 1 of 6/);

  await redis.stop();
  const started = Date.now();
  const question = await say('is it safe to massage my neck');
  expect(question.status).toBe(200);
  expect(question.raw).toMatch(/safe/i);
  const dizzy = await say('I feel dizzy');
  expect(dizzy.status).toBe(200);
  expect(dizzy.raw).toContain('precaution-dizziness');
  const next = await say('next');
  expect(next.status).toBe(200);
  expect(next.raw).toMatch(/can't keep my place in a routine right now/);
  expect(Date.now() - started).toBeLessThan(5_000); // fails fast, no queue building up
  expect(await readiness()).toBe(503);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).toMatch(/neckbot_state_store_errors_total\{operation="get"\} [1-9]/);

  await redis.restart();
  expect(await until(async () => (await readiness()) === 200, 10_000)).toBe(true);
  // This Redis keeps nothing on disk, so the routine starts afresh, and works again.
  expect((await say('start neck stretches')).raw).toMatch(/Step 1 of 6/);
  expect((await say('next')).raw).toMatch(/Step 2 of 6/);
  // The instance stayed up throughout.
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}, 60_000);
