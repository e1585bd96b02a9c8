import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Writable } from 'node:stream';
import {
  ALLOWED_SIGNING_ALGORITHMS,
  AuthGate,
  CHANNEL_TOKEN_ISSUER,
  classifyAuthError,
} from '../../../src/channels/botframework/auth';
import { readConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';
import { channelClaims, jwt } from '../../helpers/jwt';

/**
 * Bot Framework authentication failures with an app id configured. There is no network here, so
 * every token that needs botbuilder to fetch the OpenID metadata meets a failed fetch: that is the
 * 503 path. Tokens that cannot be valid are 401 without any fetch.
 */
const APP_ID = '00000000-0000-0000-0000-00000000a11d';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const RS256 = { alg: 'RS256', kid: 'attacker-key', typ: 'JWT' };

let server: RunningServer;
const lines: Array<Record<string, unknown>> = [];
let logText = '';
/** Outbound HTTP requests the server process made (botbuilder's metadata fetches among them). */
let outbound = 0;
const countOutbound = () => void outbound++;

beforeAll(async () => {
  subscribe('http.client.request.start', countOutbound);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  server = await startServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      MESSAGES_BURST: '1000',
    }),
    createLogger('info', sink),
  );
});
afterAll(async () => {
  unsubscribe('http.client.request.start', countOutbound);
  await server.close();
});

const activity = (id: string) =>
  JSON.stringify({
    type: 'message',
    id,
    text: 'is it safe to massage my neck',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: 'user-1' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'conv-auth' },
  });

let nextId = 0;
async function send(authorization?: string) {
  const id = `auth-${++nextId}`;
  const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: activity(id),
  });
  return { status: res.status, body: await res.text() };
}

const authLines = () => lines.filter((l) => l.msg === 'bot framework authentication failed');
const now = () => Math.floor(Date.now() / 1000);
const claims = channelClaims(APP_ID, SERVICE_URL);

describe('tokens that cannot be valid: 401 without a fetch', () => {
  it.each([
    ['no Authorization header', undefined, 'token_missing'],
    ['an empty header', '', 'token_missing'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'token_malformed'],
    ['not a JWT', 'Bearer definitely-not-a-jwt', 'token_malformed'],
    ['a JWT of garbage', 'Bearer abc.def.ghi', 'token_malformed'],
    ['alg none', `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims)}`, 'token_algorithm'],
    ['HS256', `Bearer ${jwt({ alg: 'HS256', kid: 'k' }, claims)}`, 'token_algorithm'],
    ['no key id', `Bearer ${jwt({ alg: 'RS256' }, claims)}`, 'token_malformed'],
    [
      'expired an hour ago',
      `Bearer ${jwt(RS256, { ...claims, exp: now() - 3600 })}`,
      'token_expired',
    ],
    [
      'not valid for another hour',
      `Bearer ${jwt(RS256, { ...claims, nbf: now() + 3600 })}`,
      'token_not_yet_valid',
    ],
    [
      'another bot’s audience',
      `Bearer ${jwt(RS256, { ...claims, aud: 'some-other-bot' })}`,
      'token_audience',
    ],
  ])('%s', async (_name, authorization, reason) => {
    const fetchesBefore = outbound;
    const linesBefore = authLines().length;
    const res = await send(authorization);
    expect(res).toEqual({ status: 401, body: '{"error":"unauthorized"}' });
    expect(outbound).toBe(fetchesBefore);
    const logged = authLines().slice(linesBefore);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'warn', status: 401, reason, route: 'messages' }),
    ]);
    // The request id of the request is on its line.
    expect(typeof logged[0]?.reqId).toBe('string');
  });
});

describe('a plausible token while the OpenID metadata cannot be fetched', () => {
  const forged = `Bearer ${jwt(RS256, claims)}`;

  it('is a 503 with the fixed body, and one log line without the token', async () => {
    const res = await send(forged);
    expect(res).toEqual({ status: 503, body: '{"error":"authentication service unavailable"}' });
    expect(authLines().at(-1)).toMatchObject({
      status: 503,
      reason: 'metadata_unavailable',
      err: 'FetchError',
    });
    expect(logText).not.toContain(forged.slice(7, 40));
    expect(logText).not.toMatch(/getaddrinfo|ENOTFOUND|login\.botframework|\n\s+at /);
  });

  it('a flood of 30 right after gets 503 from memory: no new outbound fetch', async () => {
    const fetchesBefore = outbound;
    const results = await Promise.all(Array.from({ length: 30 }, () => send(forged)));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([503]));
    expect(outbound).toBe(fetchesBefore);
    expect(
      authLines()
        .slice(-30)
        .map((l) => l.reason),
    ).toEqual(Array<string>(30).fill('metadata_unavailable_cached'));
  });

  it('counts each refusal by status in /metrics', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(metrics).toContain('neckbot_http_refusals_total{route="messages",status="401"} 11');
    expect(metrics).toContain('neckbot_http_refusals_total{route="messages",status="503"} 31');
  });

  it('every log line of the run is one JSON object; none holds a token or a stack', () => {
    expect(logText.trim().split('\n').length).toBe(lines.length);
    for (const line of lines) expect(JSON.stringify(line)).not.toMatch(/eyJ|\bat \w+ \(/);
  });
});

describe('AuthGate', () => {
  const fetchFailed = () =>
    Promise.reject(Object.assign(new Error('request failed'), { name: 'FetchError' }));

  it('while metadata is not loaded, concurrent checks wait for the one in flight', async () => {
    let clock = 0;
    const gate = new AuthGate({ retryAfterMs: 30_000, now: () => clock });
    let calls = 0;
    const attempt = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return fetchFailed();
    };
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => gate.authenticate('channel', attempt)),
    );
    expect(calls).toBe(1);
    expect(outcomes.map((o) => !o.ok && o.reason).sort()).toEqual([
      'metadata_unavailable',
      ...Array<string>(9).fill('metadata_unavailable_cached'),
    ]);
    clock += 29_999;
    await gate.authenticate('channel', attempt);
    expect(calls).toBe(1);
    clock += 2;
    await gate.authenticate('channel', attempt);
    expect(calls).toBe(2);
  });

  it('once metadata has loaded, checks run side by side; a failure of one kind spares the other', async () => {
    const gate = new AuthGate();
    let running = 0;
    let most = 0;
    const ok = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      return 'claims';
    };
    await gate.authenticate('channel', ok);
    await Promise.all(Array.from({ length: 5 }, () => gate.authenticate('channel', ok)));
    expect(most).toBe(5);
    await gate.authenticate('other', fetchFailed);
    expect(await gate.authenticate('channel', ok)).toEqual({ ok: true, value: 'claims' });
  });

  it('a check that hangs is a metadata failure after the timeout', async () => {
    const gate = new AuthGate({ timeoutMs: 50 });
    const outcome = await gate.authenticate('channel', () => new Promise<never>(() => {}));
    expect(outcome).toEqual({ ok: false, status: 503, reason: 'metadata_timeout' });
  });

  it.each([
    ['AuthenticationError 401', Object.assign(new Error('x'), { statusCode: 401 }), 401],
    [
      'AuthenticationError 500 (openID config)',
      Object.assign(new Error('x'), { statusCode: 500 }),
      503,
    ],
    ['FetchError', Object.assign(new Error('x'), { name: 'FetchError' }), 503],
    ['a socket error', Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 503],
    [
      'JsonWebTokenError',
      Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' }),
      401,
    ],
    [
      'TokenExpiredError',
      Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' }),
      401,
    ],
    ['anything else', new TypeError('x is not a function'), 401],
  ])('classifies %s', (_name, err, status) => {
    expect(classifyAuthError(err).status).toBe(status);
  });

  it('knows the constants botframework-connector checks tokens with', () => {
    // A transitive dependency, read here only to notice when an upgrade changes them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const connector = require('botframework-connector') as {
      AuthenticationConstants: {
        AllowedSigningAlgorithms: string[];
        ToBotFromChannelTokenIssuer: string;
      };
    };
    expect(ALLOWED_SIGNING_ALGORITHMS).toEqual(
      connector.AuthenticationConstants.AllowedSigningAlgorithms,
    );
    expect(CHANNEL_TOKEN_ISSUER).toBe(
      connector.AuthenticationConstants.ToBotFromChannelTokenIssuer,
    );
  });
});
