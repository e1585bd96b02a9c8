import type { IncomingMessage } from 'node:http';
import {
  clientAddress,
  normaliseAddress,
  parseTrustProxy,
  rateLimitKey,
} from '../../src/http/client-address';
import { RateLimiter } from '../../src/http/rate-limit';
import { readConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';

describe('RateLimiter', () => {
  it('lets a burst through, then refills at the rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 499;
    expect(limiter.take('a')).toBe(false);
    now += 2;
    expect(limiter.take('a')).toBe(true);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
  });

  it('remembers a bounded number of clients, the least recent forgotten first', () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 100, now: () => 0 });
    expect(limiter.take('kept')).toBe(true);
    for (let i = 0; i < 1_000; i++) {
      limiter.take(`flood-${i}`);
      if (i % 50 === 0) limiter.take('kept');
    }
    expect(limiter.size).toBe(100);
    expect(limiter.take('kept')).toBe(false);
  });
});

const request = (remoteAddress: string, forwarded?: string | string[]) =>
  ({
    socket: { remoteAddress },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage;

describe('TRUST_PROXY and the client address', () => {
  it('off (the default): the socket decides, X-Forwarded-For is ignored', () => {
    const trust = parseTrustProxy(undefined);
    expect(trust).toBe(false);
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'), trust)).toBe('127.0.0.1');
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
  });

  it('on: behind a trusted proxy, the right-most hop that is not a trusted proxy', () => {
    const trust = parseTrustProxy('true');
    // Load balancer 10.0.0.5 connected; it appended the client; the client forged the rest.
    expect(clientAddress(request('10.0.0.5', '1.1.1.1, 198.51.100.7'), trust)).toBe('198.51.100.7');
    // Two trusted hops (an ingress behind the load balancer).
    expect(clientAddress(request('127.0.0.1', '198.51.100.7, 10.1.2.3'), trust)).toBe(
      '198.51.100.7',
    );
    // Several X-Forwarded-For headers count as one list.
    expect(clientAddress(request('10.0.0.5', ['1.1.1.1', '198.51.100.8:4711']), trust)).toBe(
      '198.51.100.8',
    );
    // No header: the proxy itself.
    expect(clientAddress(request('10.0.0.5'), trust)).toBe('10.0.0.5');
  });

  it('on: a peer that is not a trusted proxy is the client, whatever it forwards', () => {
    const trust = parseTrustProxy('true');
    expect(clientAddress(request('203.0.113.50', '10.0.0.1'), trust)).toBe('203.0.113.50');
  });

  it('on: a hop that is not an address stops the walk at the last trusted one', () => {
    const trust = parseTrustProxy('true');
    expect(clientAddress(request('10.0.0.5', 'evil, <script>'), trust)).toBe('10.0.0.5');
  });

  it('a list of proxies: only those are trusted', () => {
    const trust = parseTrustProxy('192.0.2.10, 2001:db8::/32');
    expect(clientAddress(request('192.0.2.10', '10.9.9.9'), trust)).toBe('10.9.9.9');
    expect(clientAddress(request('2001:db8::1', '[2001:db8::2]:443, 198.51.100.1'), trust)).toBe(
      '198.51.100.1',
    );
    expect(clientAddress(request('10.0.0.5', '198.51.100.1'), trust)).toBe('10.0.0.5');
  });

  it.each(['yes please', '10.0.0.0/33', '300.1.1.1', '10.0.0.0/8/1', 'localhost'])(
    'refuses TRUST_PROXY=%s at start',
    (value) => {
      expect(() => readConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: .* is not an IP/);
    },
  );

  it('normalises addresses and keys IPv6 clients by their /64', () => {
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('[2001:DB8::1]:8080')).toBe('2001:db8::1');
    expect(normaliseAddress('not-an-ip')).toBeUndefined();
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('per-client limits on the server', () => {
  // Each test starts one or two real servers; on a loaded 2-core CI machine that alone can pass 5 s.
  jest.setTimeout(30_000);
  let servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  const start = async (env: Record<string, string>) => {
    const server = await startServer(
      readConfig({ PORT: '0', HOST: '127.0.0.1', ...env }),
      silentLogger,
    );
    servers.push(server);
    return server;
  };
  const post = async (
    server: RunningServer,
    path: string,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    return {
      status: res.status,
      body: await res.text(),
      retryAfter: res.headers.get('retry-after'),
    };
  };

  it('/api/messages: 429 before authentication, with the fixed body', async () => {
    const server = await start({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'x',
      MESSAGES_BURST: '3',
      MESSAGES_RATE_PER_SECOND: '0.01',
    });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await post(server, '/api/messages'));
    // The body '{}' is no activity: the first three get the 400 that comes before auth.
    expect(results.map((r) => r.status)).toEqual([400, 400, 400, 429, 429]);
    expect(results[3]).toEqual({
      status: 429,
      body: '{"error":"too many requests"}',
      retryAfter: '1',
    });
    const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(metrics).toContain('neckbot_http_refusals_total{route="messages",status="429"} 2');
  });

  it('/api/alexa and /api/webchat have their own limits', async () => {
    const server = await start({
      ALEXA_BURST: '2',
      ALEXA_RATE_PER_SECOND: '0.01',
      WEBCHAT_BURST: '1',
      WEBCHAT_RATE_PER_SECOND: '0.01',
    });
    const alexa = [];
    for (let i = 0; i < 3; i++) alexa.push((await post(server, '/api/alexa')).status);
    expect(alexa).toEqual([400, 400, 429]);
    const webchat = [];
    for (let i = 0; i < 2; i++) webchat.push((await post(server, '/api/webchat')).status);
    expect(webchat).toEqual([400, 429]);
  });

  it('with TRUST_PROXY each forwarded client has its own bucket; without it, one bucket', async () => {
    const env = { WEBCHAT_BURST: '1', WEBCHAT_RATE_PER_SECOND: '0.01' };
    const trusting = await start({ ...env, TRUST_PROXY: 'true' });
    const a = { 'x-forwarded-for': '198.51.100.1' };
    const b = { 'x-forwarded-for': '198.51.100.2' };
    expect((await post(trusting, '/api/webchat', a)).status).toBe(400);
    expect((await post(trusting, '/api/webchat', b)).status).toBe(400);
    expect((await post(trusting, '/api/webchat', a)).status).toBe(429);
    // A client forging a left-most hop is still keyed by what the proxy appended.
    expect(
      (await post(trusting, '/api/webchat', { 'x-forwarded-for': '203.0.113.1, 198.51.100.2' }))
        .status,
    ).toBe(429);

    const plain = await start(env);
    expect((await post(plain, '/api/webchat', a)).status).toBe(400);
    expect((await post(plain, '/api/webchat', b)).status).toBe(429);
  });
});
