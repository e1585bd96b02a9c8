import { restifyLogger } from '../../src/ops/restify-log';
import type { Logger } from '../../src/logger';
import { rawRequest } from '../../src/tools/raw-http';
import { spawnServer } from '../../src/tools/server-process';

/**
 * stdout of `node dist/server.js` is one JSON schema: every line parses, has level, time and msg;
 * every line written while serving a request carries that request's id; no line holds an IP address.
 */
jest.setTimeout(30_000);

/** Lines a server writes outside any request: start-up and shutdown. */
const OUTSIDE_REQUESTS = [
  'state store',
  'listening with Bot Framework authentication OFF (no MicrosoftAppId): local use only',
  'Alexa request signatures are NOT verified (ALEXA_VERIFY_SIGNATURES=false): local testing only',
  'shutdown complete',
];
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/;
const IPV6 = /(?:^|[^\w:])(?:::1|::ffff:|(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4})(?:[^\w:]|$)/i;

it('one schema, a request id on every request line, no addresses', async () => {
  const server = await spawnServer('logging', {
    LOG_LEVEL: 'info',
    WEBCHAT_BURST: '2',
    WEBCHAT_RATE_PER_SECOND: '0.01',
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '198.51.100.77',
        ...headers,
      },
      body: JSON.stringify(body),
    }).then(async (res) => ({
      status: res.status,
      id: res.headers.get('x-request-id'),
      body: await res.text(),
    }));
  let stopped = false;
  try {
    const turn = {
      type: 'message',
      text: 'I feel dizzy',
      from: { id: 'u' },
      conversation: { id: 'log-1' },
    };
    const statuses = [
      (await post('/api/webchat', turn)).status,
      (await post('/api/webchat', turn)).status,
      (await post('/api/webchat', turn)).status, // 429
      (
        await post('/api/messages', {
          ...turn,
          id: 'm1',
          channelId: 'msteams',
          serviceUrl: 'http://127.0.0.1:9/',
          recipient: { id: 'bot' },
          deliveryMode: 'expectReplies',
        })
      ).status,
      (
        await post('/api/alexa', {
          version: '1.0',
          request: { type: 'LaunchRequest', timestamp: new Date().toISOString() },
        })
      ).status,
      (await post('/api/messages', {}, { 'content-encoding': 'gzip' })).status,
      (await fetch(`${server.url}/nope`)).status,
      (
        await rawRequest(server.port, [
          'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
        ])
      ).status,
    ];
    expect(statuses).toEqual([200, 200, 429, 200, 200, 415, 404, 400]);
    await server.stop();
    stopped = true;

    const lines = server.stdout().filter((l) => l.trim() !== '');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const record of records) {
      expect(Object.keys(record).slice(0, 2)).toEqual(['level', 'time']);
      expect(typeof record.msg).toBe('string');
      expect(['info', 'warn', 'error', 'fatal']).toContain(record.level);
    }
    const requestLines = records.filter(
      (r) => !OUTSIDE_REQUESTS.includes(String(r.msg)) && r.source !== 'node',
    );
    // Turn lines (three turns) at least; every one of them with a request id.
    expect(requestLines.filter((r) => r.msg === 'turn').length).toBeGreaterThanOrEqual(3);
    for (const record of requestLines)
      expect([record.msg, typeof record.reqId]).toEqual([record.msg, 'string']);
    for (const line of [...lines, server.stderr()]) {
      expect(line).not.toMatch(IPV4);
      expect(line).not.toMatch(IPV6);
    }
    expect(server.stderr()).toBe('');
  } finally {
    if (!stopped) await server.stop();
  }
});

describe('restifyLogger', () => {
  const written: Array<[string, Record<string, unknown>, string]> = [];
  const log: Logger = {
    info: (f, m) => written.push(['info', f, m]),
    warn: (f, m) => written.push(['warn', f, m]),
    error: (f, m) => written.push(['error', f, m]),
  };

  it('writes the message only, never the objects restify passes (requests hold addresses)', () => {
    const restify = restifyLogger(log).child({ reqId: 'r-1', remoteAddress: '203.0.113.5' });
    restify.warn(
      { req: { remoteAddress: '203.0.113.5' }, err: new Error('x') },
      'formatter failed %s',
    );
    restify.trace({ anything: 1 }, 'noise');
    restify.debug('noise');
    expect(written).toEqual([
      ['warn', { reqId: 'r-1', component: 'restify' }, 'formatter failed %s'],
    ]);
  });

  it('answers bunyan’s level checks: trace and debug off, the rest on', () => {
    const restify = restifyLogger(log);
    expect([
      restify.trace(),
      restify.debug(),
      restify.info(),
      restify.warn(),
      restify.error(),
    ]).toEqual([false, false, true, true, true]);
  });
});
