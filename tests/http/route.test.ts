import restify from 'restify';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { withRequestIds } from '../../src/ops/request-context';
import { jsonRoute } from '../../src/http/route';
import { readConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';

/**
 * jsonRoute on a restify server on loopback: whatever a handler throws, synchronously or after an
 * await, the client gets the one generic 500 body and the log one JSON line with the request's id.
 */
const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
const log = withRequestIds(createLogger('info', sink));
let server: restify.Server;
let base: string;

beforeAll(async () => {
  server = restify.createServer({ noWriteContinue: true });
  const options = { body: { maxBytes: 1024, timeoutMs: 1_000 }, clientKey: () => 'k', log };
  server.post(
    '/async-throw',
    jsonRoute({ ...options, route: 'async' }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new TypeError("Cannot read properties of undefined (reading 'type') at /srv/app.js:1");
    }),
  );
  server.post(
    '/sync-throw',
    jsonRoute({ ...options, route: 'sync' }, () => {
      throw new Error('ECONNREFUSED 10.0.0.7:6379');
    }),
  );
  server.post(
    '/rejected',
    jsonRoute({ ...options, route: 'rejected' }, () => Promise.reject(new Error('x'))),
  );
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
    }),
);

it.each(['/async-throw', '/sync-throw', '/rejected'])(
  '%s: 500 with the generic body, one log line naming the error class',
  async (path) => {
    const before = lines.length;
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('{"error":"something went wrong on our side"}');
    const logged = lines.slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'error', msg: 'request failed' });
    expect(typeof logged[0]?.reqId).toBe('string');
    expect(typeof logged[0]?.err).toBe('string');
  },
);

describe("restify's own refusals", () => {
  let ours: RunningServer;
  beforeAll(async () => {
    ours = await startServer(readConfig({ PORT: '0' }), silentLogger);
  });
  afterAll(() => ours.close());

  it.each([
    ['GET', '/../../etc/passwd%00', 404, 'not found'],
    ['GET', '/webchat/../../../../etc/passwd', 404, 'not found'],
    ['PUT', '/api/webchat', 405, 'method not allowed'],
    ['POST', '/healthz', 405, 'method not allowed'],
  ])('%s %s: %s with a fixed message, never the path', async (method, path, status, error) => {
    for (const accept of ['application/json', 'text/plain', 'text/html', 'image/png']) {
      const res = await fetch(`http://127.0.0.1:${ours.port}${path}`, {
        method,
        headers: { accept },
      });
      expect([accept, res.status, await res.text()]).toEqual([
        accept,
        status,
        JSON.stringify({ error }),
      ]);
    }
  });
});
