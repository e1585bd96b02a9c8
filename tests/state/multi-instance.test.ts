import { randomUUID } from 'node:crypto';
import { useRedis } from '../helpers/redis-server';
import { postWebchat, spawnServer, type ServerChild } from '../../src/tools/server-process';

/**
 * Two server processes sharing one real Redis, as behind a load balancer: a conversation may land
 * on either instance for any turn, and an instance may die at any moment.
 */
interface Turned {
  status: number;
  step?: number;
  routine?: string;
  kind?: string;
}

async function say(instance: ServerChild, conversation: string, text: string): Promise<Turned> {
  const res = await postWebchat(instance.url, conversation, text);
  const body = (await res.json()) as {
    activities?: Array<{
      channelData?: { outcome?: { kind: string }; routine?: { id: string; step: number } };
    }>;
  };
  const data = body.activities?.find((a) => a.channelData?.outcome)?.channelData;
  const routine = body.activities?.find((a) => a.channelData?.routine)?.channelData?.routine;
  return {
    status: res.status,
    ...(routine ? { step: routine.step, routine: routine.id } : {}),
    ...(data?.outcome ? { kind: data.outcome.kind } : {}),
  };
}

let redis: { url: string; stop(): Promise<void> };
let a: ServerChild;
let b: ServerChild;

beforeAll(async () => {
  redis = await useRedis();
  const env = {
    REDIS_URL: redis.url,
    // A prefix of our own, so a Redis shared with other suites never mixes keys.
    REDIS_PREFIX: `mi-${randomUUID().slice(0, 8)}:`,
  };
  [a, b] = await Promise.all([spawnServer('A', env), spawnServer('B', env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('two instances sharing Redis', () => {
  it('continues a routine started on A at the right step on B', async () => {
    const c = `handover-${randomUUID()}`;
    expect(await say(a, c, 'start neck stretches')).toMatchObject({
      step: 1,
      routine: 'neck-stretches',
    });
    expect(await say(b, c, 'next')).toMatchObject({ step: 2 });
    expect(await say(a, c, 'next')).toMatchObject({ step: 3 });
    expect(await say(b, c, 'back')).toMatchObject({ step: 2 });
  });

  it('ends concurrent turns of one conversation, spread over both, in a consistent state', async () => {
    const conversations = Array.from({ length: 6 }, () => `race-${randomUUID()}`);
    for (const c of conversations) expect((await say(a, c, 'start kneading')).step).toBe(1);

    // Four "next" per conversation at once, alternating instances: no update may be lost.
    const results = await Promise.all(
      conversations.flatMap((c) => [a, b, a, b].map((instance) => say(instance, c, 'next'))),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (let i = 0; i < conversations.length; i++) {
      const steps = results.slice(i * 4, i * 4 + 4).map((r) => r.step);
      expect([...steps].sort()).toEqual([2, 3, 4, 5]);
      const c = conversations[i] ?? '';
      expect((await say(b, c, 'repeat')).step).toBe(5);
      expect((await say(a, c, 'repeat')).step).toBe(5);
    }
  });

  it('answers a Teams retry once, even when it reaches the other instance', async () => {
    const activity = JSON.stringify({
      type: 'message',
      id: `retry-${randomUUID()}`,
      text: 'is it safe to massage my neck',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/never-called',
      from: { id: 'teams-user' },
      recipient: { id: 'bot' },
      conversation: { id: `teams-${randomUUID()}` },
      deliveryMode: 'expectReplies',
    });
    const send = async (instance: ServerChild) => {
      const res = await fetch(`${instance.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: activity,
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { activities?: unknown[] }).activities ?? [];
    };
    expect((await send(a)).length).toBeGreaterThan(0);
    expect(await send(b)).toEqual([]);
  });

  it('loses no step when A is killed mid-routine', async () => {
    const c = `killed-${randomUUID()}`;
    expect((await say(a, c, 'start circular friction')).step).toBe(1);
    expect((await say(a, c, 'next')).step).toBe(2);
    expect((await say(a, c, 'next')).step).toBe(3);
    // A turn may even be in flight when the instance dies.
    const inFlight = say(a, c, 'what can you do').catch(() => undefined);
    await a.kill('SIGKILL');
    await inFlight;
    expect((await say(b, c, 'next')).step).toBe(4);
    expect((await say(b, c, 'next')).step).toBe(5);
  });
});
