import { readConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';

/**
 * Activity fields are checked at the edge of both Bot Framework routes (authentication off, as
 * locally): a wrong type or an over-long string is a 400 with a fixed-shape body naming the field,
 * and no turn runs. Before, a non-string serviceUrl was a 500 quoting `endpoint.toLowerCase is not
 * a function`, and non-string text or ids reached the turn.
 */
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(
    readConfig({ PORT: '0', WEBCHAT_BURST: '1000', MESSAGES_BURST: '1000' }),
    silentLogger,
  );
});
afterAll(() => server.close());

async function post(path: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

let n = 0;
const teams = (fields: Record<string, unknown>) => ({
  type: 'message',
  id: `v${++n}`,
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/never-called',
  from: { id: 'u1' },
  recipient: { id: 'bot' },
  conversation: { id: 'validation' },
  deliveryMode: 'expectReplies',
  text: 'hi',
  ...fields,
});
const webchat = (fields: Record<string, unknown>) => ({
  type: 'message',
  text: 'hi',
  from: { id: 'u1' },
  conversation: { id: 'validation' },
  ...fields,
});

describe('POST /api/messages', () => {
  it('a well-formed activity still gets its answer', async () => {
    const res = await post('/api/messages', teams({ text: 'is it safe to massage my neck' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/safe/i);
  });

  it.each([
    ['serviceUrl a number', { serviceUrl: 42 }, 'serviceUrl: expected string'],
    ['serviceUrl an object', { serviceUrl: { toLowerCase: 1 } }, 'serviceUrl: expected string'],
    [
      'serviceUrl not http(s)',
      { serviceUrl: 'file:///etc/passwd' },
      'serviceUrl: expected an http(s) URL',
    ],
    ['no serviceUrl', { serviceUrl: undefined }, 'serviceUrl: required'],
    ['text a number', { text: 42 }, 'text: expected string'],
    ['text an array', { text: ['hi'] }, 'text: expected string'],
    ['text of 10,001 characters', { text: 'a'.repeat(10_001) }, 'text: too long'],
    ['id an object', { id: { $gt: '' } }, 'id: expected string'],
    ['id of 300 characters', { id: 'x'.repeat(300) }, 'id: too long'],
    ['type a number', { type: 7 }, 'type: expected string'],
    [
      'an invoke',
      { type: 'invoke', name: 'adaptiveCard/action' },
      'type: invoke activities are not supported',
    ],
    ['no recipient', { recipient: undefined }, 'recipient: required'],
    ['from.id a number', { from: { id: 1 } }, 'from.id: expected string'],
    ['conversation.id empty', { conversation: { id: '' } }, 'conversation.id: must not be empty'],
    ['channelId with a slash', { channelId: '../x' }, 'channelId: invalid value'],
    ['locale an object', { locale: { x: 1 } }, 'locale: expected string'],
    [
      'a mention without mentioned',
      { entities: [{ type: 'mention', text: 'x' }] },
      'entities.0.mentioned: required',
    ],
    ['entities not an array', { entities: 'mention' }, 'entities: expected array'],
    [
      '65 entities',
      { entities: Array.from({ length: 65 }, () => ({ type: 'clientInfo' })) },
      'entities: too many items',
    ],
    ['value.text a number', { value: { text: 5 } }, 'value.text: expected string'],
    [
      'value.text of 10,001 characters',
      { value: { text: 'a'.repeat(10_001) } },
      'value.text: too long',
    ],
    [
      'value.msteams.value too long',
      { value: { msteams: { value: 'a'.repeat(10_001) } } },
      'value.msteams.value: too long',
    ],
    ['timestamp not a date', { timestamp: 'yesterday-ish' }, 'timestamp: expected a date'],
    ['deliveryMode unknown', { deliveryMode: 'fast' }, 'deliveryMode: invalid value'],
  ])('%s: 400 naming the field', async (_name, fields, error) => {
    const res = await post('/api/messages', teams(fields));
    expect(res).toEqual({ status: 400, body: JSON.stringify({ error }) });
  });

  it('a body that is not an object: 400', async () => {
    for (const body of [[teams({})], 'message', 42, null]) {
      expect(await post('/api/messages', body)).toEqual({
        status: 400,
        body: '{"error":"body: expected an activity object"}',
      });
    }
  });
});

describe('POST /api/webchat', () => {
  it.each([
    ['text of 4,001 characters', { text: 'a'.repeat(4_001) }, 'text: too long'],
    [
      'a card button’s value.text of 4,001 characters',
      { value: { text: 'a'.repeat(4_001) } },
      'value.text: too long',
    ],
    ['value.text a number', { value: { text: 1 } }, 'value.text: expected string'],
    ['text a number', { text: 42 }, 'text: expected string'],
    [
      'conversation.id an array',
      { conversation: { id: ['c'] } },
      'conversation.id: expected string',
    ],
  ])('%s: 400 naming the field', async (_name, fields, error) => {
    expect(await post('/api/webchat', webchat(fields))).toEqual({
      status: 400,
      body: JSON.stringify({ error }),
    });
  });

  it('a card button’s value.text within the cap is read as what the person said', async () => {
    const res = await post(
      '/api/webchat',
      webchat({ text: '', value: { text: 'start neck stretches' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('Step 1 of 6');
  });
});
