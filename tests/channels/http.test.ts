import { readConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';

// Tests start servers in-process: CI runs three jest projects on 2 cores.
jest.setTimeout(30_000);

interface Sent {
  status: number;
  body: unknown;
  raw: string;
}

let server: RunningServer;
const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

async function post(
  path: string,
  body: string,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<Sent> {
  const res = await fetch(url(path), {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...headers },
  });
  const raw = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, raw };
}

const webchat = (fields: Record<string, unknown>) =>
  JSON.stringify({ type: 'message', from: { id: 'u1' }, conversation: { id: 'c1' }, ...fields });

let nextId = 0;
const bfActivity = (fields: Record<string, unknown>) =>
  JSON.stringify({
    type: 'message',
    id: `a${++nextId}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/never-called',
    from: { id: 'u9' },
    recipient: { id: 'bot' },
    conversation: { id: 'teams-1' },
    deliveryMode: 'expectReplies',
    ...fields,
  });

type Activities = { activities: Array<Record<string, unknown>> };

/** Bad input both routes must refuse: [what, body, content type, status]. */
const BAD_INPUT: ReadonlyArray<readonly [string, string, string, number]> = [
  ['malformed JSON', '{"type": "message", ', 'application/json', 400],
  ['wrong content type', 'hello', 'text/plain', 415],
  ['an empty body', '', 'application/json', 400],
  [
    'no conversation',
    JSON.stringify({ type: 'message', text: 'hi', from: { id: 'u1' } }),
    'application/json',
    400,
  ],
];

/** The right status, a short JSON body, and nothing that looks like a stack trace. */
function expectShortError(res: Sent, status: number): void {
  expect(res.status).toBe(status);
  // Ours and restify's own refusals alike: exactly { error: "<short message>" }.
  expect(Object.keys(res.body as object)).toEqual(['error']);
  expect(typeof (res.body as { error: unknown }).error).toBe('string');
  expect(res.raw.length).toBeLessThan(300);
  expect(res.raw).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+/);
}

beforeAll(async () => {
  server = await startServer(
    readConfig({ PORT: '0', WEBCHAT_BURST: '40', WEBCHAT_RATE_PER_SECOND: '20' }),
    silentLogger,
  );
});
afterAll(() => server.close());

describe('POST /api/messages (Bot Framework, expectReplies)', () => {
  it('answers a question with Markdown and up to three suggested actions', async () => {
    const res = await post('/api/messages', bfActivity({ text: 'is it safe to massage my neck' }));
    expect(res.status).toBe(200);
    const [activity] = (res.body as Activities).activities;
    expect(activity?.text).toMatch(/safe/i);
    expect((activity?.channelData as { outcome: { id: string } }).outcome.id).toBe(
      'is-neck-massage-safe',
    );
    const actions =
      (activity?.suggestedActions as { actions: unknown[] } | undefined)?.actions ?? [];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.length).toBeLessThanOrEqual(3);
  });

  it('renders a routine step as an Adaptive Card 1.5 with Back / Repeat / Next / Stop', async () => {
    const res = await post(
      '/api/messages',
      bfActivity({ text: 'start neck stretches', conversation: { id: 'teams-2' } }),
    );
    const [activity] = (res.body as Activities).activities;
    const card = (
      activity?.attachments as Array<{ contentType: string; content: Record<string, unknown> }>
    )[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.version).toBe('1.5');
    expect(JSON.stringify(card.content.body)).toContain('Step 1 of 6');
    expect((card.content.actions as Array<{ title: string }>).map((a) => a.title)).toEqual([
      'Back',
      'Repeat',
      'Next',
      'Stop',
    ]);
    expect(activity?.suggestedActions).toBeUndefined();
  });

  it('strips a Teams @mention before understanding the text', async () => {
    const res = await post(
      '/api/messages',
      bfActivity({
        text: '<at>Coach</at> what are the benefits of neck massage',
        entities: [
          { type: 'mention', mentioned: { id: 'bot', name: 'Coach' }, text: '<at>Coach</at>' },
        ],
      }),
    );
    const [activity] = (res.body as Activities).activities;
    expect((activity?.channelData as { outcome: { id: string } }).outcome.id).toBe('benefits');
  });

  it('ignores a retried activity id', async () => {
    const body = bfActivity({ text: 'hi', conversation: { id: 'teams-3' } });
    expect((await post('/api/messages', body)).body).toMatchObject({
      activities: [expect.anything()],
    });
    const again = await post('/api/messages', body);
    expect(again.status).toBe(200);
    expect((again.body as Activities).activities).toHaveLength(0);
  });

  it.each([
    ...BAD_INPUT,
    ['a body over the limit', bfActivity({ text: 'x'.repeat(300_000) }), 'application/json', 413],
  ] as const)('rejects %s with a short JSON error', async (_name, body, type, status) => {
    expectShortError(await post('/api/messages', body, type), status);
  });

  it('ignores a non-message activity', async () => {
    const res = await post('/api/messages', bfActivity({ type: 'typing' }));
    expect(res).toMatchObject({ status: 200, body: { activities: [] } });
  });

  it('handles 10,000 characters of text without trouble', async () => {
    const res = await post('/api/messages', bfActivity({ text: 'neck '.repeat(2000) }));
    expect(res.status).toBe(200);
  });
});

describe('POST /api/webchat', () => {
  it('runs the same bot and returns its replies', async () => {
    const res = await post('/api/webchat', webchat({ text: 'I feel dizzy' }));
    expect(res.status).toBe(200);
    const [activity] = (res.body as Activities).activities;
    expect((activity?.channelData as { outcome: { kind: string } }).outcome.kind).toBe(
      'precaution',
    );
  });

  it("keeps the page's message id, so replies point back to it and a resend is answered once", async () => {
    const body = webchat({ id: 'page-msg-1', text: 'hi', conversation: { id: 'c-ids' } });
    const first = await post('/api/webchat', body);
    const [reply] = (first.body as Activities).activities;
    expect(reply?.replyToId).toBe('page-msg-1');
    const again = await post('/api/webchat', body);
    expect((again.body as Activities).activities).toHaveLength(0);
  });

  it('welcomes on join', async () => {
    const res = await post(
      '/api/webchat',
      JSON.stringify({
        type: 'event',
        name: 'webchat/join',
        from: { id: 'u5' },
        conversation: { id: 'c5' },
      }),
    );
    const [activity] = (res.body as Activities).activities;
    expect(activity?.text).toMatch(/not medical advice/i);
  });

  it('ignores activities that are not messages', async () => {
    const res = await post('/api/webchat', webchat({ type: 'typing' }));
    expect(res).toMatchObject({ status: 200, body: { activities: [] } });
  });

  it('never uses a serviceUrl from the client', async () => {
    const res = await post(
      '/api/webchat',
      webchat({ text: 'hi', serviceUrl: 'http://169.254.169.254/steal' }),
    );
    expect(res.status).toBe(200);
    expect(res.raw).not.toContain('169.254');
  });

  it.each([
    ...BAD_INPUT,
    ['text of 10,000 characters', webchat({ text: 'a'.repeat(10_000) }), 'application/json', 400],
    [
      'a body over the limit',
      webchat({ text: 'hi', value: 'x'.repeat(40_000) }),
      'application/json',
      413,
    ],
  ] as const)(
    'rejects %s with a short JSON error and no stack trace',
    async (_name, body, type, status) => {
      expectShortError(await post('/api/webchat', body, type), status);
    },
  );

  it('keeps serving after bad input', async () => {
    const res = await post('/api/webchat', webchat({ text: 'what can you do' }));
    expect(res.status).toBe(200);
  });
});

describe('rate limit and authentication', () => {
  it('answers 429 when one client sends too fast', async () => {
    const limited = await startServer(
      readConfig({ PORT: '0', WEBCHAT_BURST: '3', WEBCHAT_RATE_PER_SECOND: '1' }),
      silentLogger,
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`http://127.0.0.1:${limited.port}/api/webchat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: webchat({ text: 'hi' }),
        });
        statuses.push(res.status);
        await res.text();
      }
      expect(statuses).toContain(429);
      expect(statuses[0]).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('with an app id configured, a request without a valid token gets 401 and no turn runs', async () => {
    const secured = await startServer(
      readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'MultiTenant',
      }),
      silentLogger,
    );
    try {
      const res = await fetch(`http://127.0.0.1:${secured.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bfActivity({ text: 'hi' }),
      });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('activities');
    } finally {
      await secured.close();
    }
  });

  it('refuses to start in production without an app id', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(
      /NODE_ENV=production needs MicrosoftAppId/,
    );
  });
});
