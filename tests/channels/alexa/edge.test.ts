import { readConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';
import { UNLIMITED_RATES } from '../../../src/tools/server-process';

/**
 * The Alexa route's edge: envelopes with wrong types are 400s with a fixed-shape body (never a 500
 * quoting a TypeError), and certificate fetches are remembered when they fail and capped.
 */
let unverified: RunningServer;
let verified: RunningServer;
let fetches = 0;
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  unverified = await startServer(
    readConfig({ PORT: '0', ALEXA_VERIFY_SIGNATURES: 'false', ...UNLIMITED_RATES }),
    silentLogger,
  );
  verified = await startServer(readConfig({ PORT: '0', ...UNLIMITED_RATES }), silentLogger, {
    alexaVerify: {
      // Every chain URL fails, slowly, as an unreachable or non-existent S3 object would.
      fetchCertChain: async () => {
        fetches++;
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        throw new Error('getaddrinfo ENOTFOUND s3.amazonaws.com');
      },
    },
  });
});
afterAll(async () => {
  await unverified.close();
  await verified.close();
});

const envelope = (request: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  version: '1.0',
  session: {
    new: true,
    sessionId: 'amzn1.echo-api.session.edge',
    application: { applicationId: 'amzn1.ask.skill.edge' },
    user: { userId: 'amzn1.ask.account.edge' },
  },
  request: {
    requestId: 'r1',
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    type: 'LaunchRequest',
    ...request,
  },
  ...extra,
});

async function post(server: RunningServer, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

describe('envelope fields (verification off)', () => {
  it('the issue’s request type {"toString": 1} is a 400, not a 500 with the TypeError', async () => {
    const res = await post(unverified, envelope({ type: { toString: 1 } }));
    expect(res).toEqual({ status: 400, body: '{"error":"request.type: expected string"}' });
  });

  it.each([
    ['a request type that is a number', { type: 7 }, {}, 'request.type: expected string'],
    [
      'an unknown request type',
      { type: 'Messaging.MessageReceived' },
      {},
      'request type is not handled',
    ],
    [
      'an IntentRequest without an intent',
      { type: 'IntentRequest' },
      {},
      'request.intent: an IntentRequest needs an intent',
    ],
    [
      'an intent name that is an object',
      { type: 'IntentRequest', intent: { name: { a: 1 } } },
      {},
      'request.intent.name: expected string',
    ],
    [
      'a slot value of 1,001 characters',
      {
        type: 'IntentRequest',
        intent: {
          name: 'AskIntent',
          slots: { query: { name: 'query', value: 'a'.repeat(1_001) } },
        },
      },
      {},
      'request.intent.slots.query.value: too long',
    ],
    [
      'slots that are an array',
      { type: 'IntentRequest', intent: { name: 'AskIntent', slots: [1, 2] } },
      {},
      'request.intent.slots: expected record',
    ],
    ['a locale that is not one', { locale: '../../etc' }, {}, 'request.locale: invalid value'],
    [
      'a session id that is a number',
      {},
      { session: { sessionId: 5 } },
      'session.sessionId: expected string',
    ],
    ['a context without System', {}, { context: {} }, 'context.System: required'],
    ['no version', {}, { version: undefined }, 'version: required'],
  ])('%s: 400 naming the field', async (_name, request, extra, error) => {
    expect(await post(unverified, envelope(request, extra))).toEqual({
      status: 400,
      body: JSON.stringify({ error }),
    });
  });

  it('a well-formed launch is still answered', async () => {
    const res = await post(unverified, envelope({}));
    expect(res.status).toBe(200);
    expect(res.body).toContain('not medical advice');
  });
});

describe('certificate fetches (verification on)', () => {
  const signed = (n: number) => ({
    SignatureCertChainUrl: `https://s3.amazonaws.com/echo.api/cert-${n}.pem`,
    'Signature-256': Buffer.from('not a signature').toString('base64'),
  });

  it('a failed fetch is remembered: the same URL 20 times costs one fetch', async () => {
    const before = fetches;
    for (let i = 0; i < 20; i++) {
      expect(await post(verified, envelope({}), signed(0))).toEqual({
        status: 400,
        body: '{"error":"could not fetch certificate chain"}',
      });
    }
    expect(fetches - before).toBe(1);
  });

  it('200 distinct well-formed URLs at once: at most 4 fetches in flight, at most 30 a minute', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(verified, envelope({}), signed(i + 1))),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([400]));
    expect(mostInFlight).toBeLessThanOrEqual(4);
    // The one before this test plus this burst: the budget is 30 fetches a minute.
    expect(fetches).toBeLessThanOrEqual(30);
    for (let i = 0; i < 100; i++) await post(verified, envelope({}), signed(1_000 + i));
    expect(fetches).toBeLessThanOrEqual(30);
  });
});
