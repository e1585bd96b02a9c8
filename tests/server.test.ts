import { connect } from 'node:net';
import { readConfig } from '../src/config';
import { DEFAULT_PATHS, loadContent } from '../src/content/load';
import { silentLogger } from '../src/logger';
import { startServer, type RunningServer } from '../src/server';
import { StateUnavailableError } from '../src/state/errors';
import { MemoryStore } from '../src/state/memory-store';
import type { StateStore } from '../src/state/store';
import { spawnServer } from '../src/tools/server-process';

jest.setTimeout(30_000); // servers start in most tests; CI runs three jest projects on 2 cores

const webchat = (text: string, conversation = 'ops-1') =>
  JSON.stringify({ type: 'message', text, from: { id: 'u1' }, conversation: { id: conversation } });

async function say(server: RunningServer, text: string, conversation?: string) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/webchat`, {
    method: 'POST',
    body: webchat(text, conversation),
    headers: { 'content-type': 'application/json' },
  });
  return {
    status: res.status,
    body: (await res.json()) as { activities: Array<{ text?: string }> },
  };
}

const get = (server: RunningServer, path: string) =>
  fetch(`http://127.0.0.1:${server.port}${path}`);

function metricValue(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** A series' value, or undefined when the series is not exported at all. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health, readiness and metrics', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(
      readConfig({ PORT: '0', WEBCHAT_BURST: '100', WEBCHAT_RATE_PER_SECOND: '100' }),
      silentLogger,
    );
  });
  afterAll(() => server.close());

  it('is alive and ready', async () => {
    expect((await get(server, '/healthz')).status).toBe(200);
    const ready = await get(server, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { content: 'ok', state: 'ok' } });
  });

  it('exports every labelled series at zero before any traffic, and the build info', async () => {
    const fresh = await startServer(readConfig({ PORT: '0' }), silentLogger);
    try {
      // The first request of all: what it reports was there before anything was counted.
      const text = await (await get(fresh, '/metrics')).text();
      const safetyIds = loadContent(DEFAULT_PATHS).safetyResponses.map((r) => r.id);
      expect(safetyIds).toEqual(expect.arrayContaining(['emergency', 'precaution-dizziness']));
      for (const series of [
        'neckbot_turns_total{channel="webchat",kind="answer"}',
        'neckbot_turns_total{channel="msteams",kind="precaution"}',
        'neckbot_turns_total{channel="alexa",kind="emergency"}',
        'neckbot_fallbacks_total{channel="webchat"}',
        'neckbot_degraded_turns_total{channel="alexa"}',
        'neckbot_turn_latency_seconds_count{channel="msteams"}',
        'neckbot_state_store_errors_total{operation="set"}',
        'neckbot_http_refusals_total{route="messages",status="401"}',
        'neckbot_http_refusals_total{route="alexa",status="413"}',
        'neckbot_http_refusals_total{route="webchat",status="429"}',
        'neckbot_http_requests_total{route="/api/webchat",status_class="2xx"}',
        'neckbot_http_requests_total{route="/webchat/*",status_class="4xx"}',
        'neckbot_http_requests_total{route="unmatched",status_class="4xx"}',
        // This very request is counted once its answer is written, after the text was made.
        'neckbot_http_requests_total{route="/metrics",status_class="2xx"}',
        ...safetyIds.map(
          (id) =>
            `neckbot_safety_routes_total{kind="${id === 'emergency' ? 'emergency' : 'precaution'}",id="${id}"}`,
        ),
      ]) {
        expect([series, seriesValue(text, series)]).toEqual([series, 0]);
      }
      expect(text).toMatch(/^neckbot_build_info\{version="0\.1\.0",commit="[\w.+-]+"\} 1$/m);
    } finally {
      await fresh.close();
    }
  });

  it('counts HTTP requests by route as declared and status class', async () => {
    const before = await (await get(server, '/metrics')).text();
    await say(server, 'hello');
    await (await get(server, '/healthz')).text();
    await (await get(server, '/no/such/../path')).text();
    await (await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: 'DELETE' })).text();
    const webchatBad = await fetch(`http://127.0.0.1:${server.port}/api/webchat`, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(webchatBad.status).toBe(400);
    const after = await (await get(server, '/metrics')).text();
    const delta = (route: string, statusClass: string) => {
      const series = `neckbot_http_requests_total{route="${route}",status_class="${statusClass}"}`;
      return (seriesValue(after, series) ?? 0) - (seriesValue(before, series) ?? 0);
    };
    expect(delta('/api/webchat', '2xx')).toBe(1);
    expect(delta('/api/webchat', '4xx')).toBe(1);
    expect(delta('/healthz', '2xx')).toBe(1);
    expect(delta('unmatched', '4xx')).toBe(2);
    // The first /metrics request was answered before the second was made.
    expect(delta('/metrics', '2xx')).toBe(1);
    expect(after).not.toContain('/no/such');
  });

  it('counts turns by channel and kind, safety routes by id, fallbacks and latency', async () => {
    const before = await (await get(server, '/metrics')).text();
    await say(server, 'is it safe to massage my neck');
    await say(server, 'I feel dizzy');
    await say(server, 'what is the weather in Paris');
    const res = await get(server, '/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = await res.text();
    const delta = (name: string, labels: string) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(delta('neckbot_turns_total', 'channel="webchat",kind="answer"')).toBe(1);
    expect(delta('neckbot_turns_total', 'channel="webchat",kind="precaution"')).toBe(1);
    expect(delta('neckbot_turns_total', 'channel="webchat",kind="fallback"')).toBe(1);
    expect(
      delta('neckbot_safety_routes_total', 'kind="precaution",id="precaution-dizziness"'),
    ).toBe(1);
    expect(delta('neckbot_fallbacks_total', 'channel="webchat"')).toBe(1);
    expect(delta('neckbot_turn_latency_seconds_count', 'channel="webchat"')).toBe(3);
    expect(after).toContain('# TYPE neckbot_state_store_errors_total counter');
    expect(after).toContain('process_resident_memory_bytes');
    expect(after).not.toMatch(/dizzy|weather|Paris/);
  });
});

describe('with the state store down', () => {
  it('answers questions, says a routine cannot keep its place, and is not ready', async () => {
    const inner = new MemoryStore({ maxEntries: 100 });
    let down = true;
    const store: StateStore = {
      get: (k) => (down ? Promise.reject(new StateUnavailableError('get')) : inner.get(k)),
      set: (k, v, o) =>
        down ? Promise.reject(new StateUnavailableError('set')) : inner.set(k, v, o),
      delete: (k) => inner.delete(k),
      ready: () => Promise.resolve(!down),
      close: () => Promise.resolve(),
    };
    const server = await startServer(readConfig({ PORT: '0' }), silentLogger, { store });
    try {
      const ready = await get(server, '/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'not ready',
        checks: { state: 'unreachable' },
      });
      const answer = await say(server, 'is it safe to massage my neck');
      expect(answer.status).toBe(200);
      expect(answer.body.activities[0]?.text).toMatch(/safe/i);
      const routine = await say(server, 'start neck stretches');
      expect(routine.body.activities[0]?.text).toMatch(/can't keep my place/);
      const metrics = await (await get(server, '/metrics')).text();
      expect(metricValue(metrics, 'neckbot_degraded_turns_total', 'channel="webchat"')).toBe(2);

      down = false; // the store is back: ready again, and routines work
      expect((await get(server, '/readyz')).status).toBe(200);
      const again = await say(server, 'start neck stretches');
      expect(JSON.stringify(again.body)).toMatch(/step 1 of 6/i);
    } finally {
      await server.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('stops accepting, finishes the turn in flight, then closes the store', async () => {
    const inner = new MemoryStore({ maxEntries: 100 });
    let closed = false;
    const slow: StateStore = {
      get: async (k) => {
        await new Promise((r) => setTimeout(r, 400));
        return inner.get(k);
      },
      set: (k, v, o) => inner.set(k, v, o),
      delete: (k) => inner.delete(k),
      ready: () => Promise.resolve(true),
      close: () => {
        closed = true;
        return Promise.resolve();
      },
    };
    const server = await startServer(readConfig({ PORT: '0' }), silentLogger, { store: slow });
    const inFlight = say(server, 'is it safe to massage my neck');
    await new Promise((r) => setTimeout(r, 100));
    const stopped = server.shutdown(5_000);
    await new Promise((r) => setTimeout(r, 50));

    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(server.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    expect(closed).toBe(false);

    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.activities[0]?.text).toMatch(/safe/i);
    await stopped;
    expect(closed).toBe(true);
  });

  it('exits 0 on SIGTERM', async () => {
    const child = await spawnServer('sigterm', { LOG_LEVEL: 'info' });
    expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
    expect(await child.kill('SIGTERM')).toBe(0);
    expect(child.tail()).toContain('shutdown complete');
  }, 30_000);
});

describe('configuration', () => {
  it('reports every problem, one per line, naming the variable', () => {
    let message = '';
    try {
      readConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/configuration has 3 problems/);
    const lines = message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/PORT/);
    expect(lines.join('\n')).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(lines.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('chooses Redis only when REDIS_URL is set', () => {
    expect(readConfig({}).state.redis).toBeUndefined();
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6390' }).state.redis).toEqual({
      url: 'redis://127.0.0.1:6390',
      prefix: 'neckbot:',
      commandTimeoutMs: 500,
    });
  });
});
