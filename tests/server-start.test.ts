import { postWebchat, spawnServer, type ServerChild } from '../src/tools/server-process';

/**
 * `node dist/server.js` on the Node the suite runs on (24 via npm scripts), with every deprecation
 * thrown instead of printed: restify 11 pulled in spdy -> http-deceiver, whose
 * `process.binding('http_parser')` warned on Node 20 (DEP0111) and no longer exists on Node 22.
 * Every route is exercised once, so modules loaded on first use are covered too.
 */
jest.setTimeout(60_000);

let server: ServerChild;
beforeAll(async () => {
  server = await spawnServer('start', { LOG_LEVEL: 'warn' }, [
    '--throw-deprecation',
    '--trace-warnings',
  ]);
});
afterAll(() => server?.stop());

const json = { 'content-type': 'application/json' };

describe('the server started with --throw-deprecation', () => {
  it('answers /healthz, serves every route, and writes no warning to stderr', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
    expect((await postWebchat(server.url, 'start-1', 'is it safe to massage my neck')).status).toBe(
      200,
    );
    const messages = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        type: 'message',
        id: 'start-1',
        text: 'I feel dizzy',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: 'u1' },
        recipient: { id: 'bot' },
        conversation: { id: 'start-1' },
        deliveryMode: 'expectReplies',
      }),
    });
    expect(messages.status).toBe(200);
    const application = { applicationId: 'amzn1.ask.skill.start' };
    const user = { userId: 'amzn1.ask.account.start' };
    const alexa = await fetch(`${server.url}/api/alexa`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        version: '1.0',
        session: { new: true, sessionId: 's-start', application, user, attributes: {} },
        context: { System: { application, user, apiEndpoint: 'https://api.amazonalexa.com' } },
        request: {
          type: 'LaunchRequest',
          requestId: 'r-start',
          timestamp: new Date().toISOString(),
          locale: 'en-US',
        },
      }),
    });
    expect(alexa.status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.stderr()).not.toMatch(/Warning|DEP\d{4}/);
    expect(server.stderr()).toBe('');
    expect(server.problems()).toEqual([]);
  });
});
