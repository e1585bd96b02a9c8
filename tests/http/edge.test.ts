import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, brotliCompressSync, gzipSync } from 'node:zlib';
import { gzipBomb, multipartUpload } from '../../src/tools/hostile';
import { rawRequest, type RawPart } from '../../src/tools/raw-http';
import { processRssMb, spawnServer, type ServerChild } from '../../src/tools/server-process';

/**
 * The HTTP edge against a real `node dist/server.js`: hostile bodies are refused before anything
 * reads, inflates or stores them, with a fixed JSON error; the server keeps serving; nothing lands
 * in its temp directory (the child's TMPDIR is a fresh directory this test watches).
 */
jest.setTimeout(30_000);

const ROUTES = ['/api/messages', '/api/webchat', '/api/alexa'] as const;
const BODY_TIMEOUT_MS = 1_000;

let server: ServerChild;
let tmp: string;
let bomb: Buffer;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'neckbot-edge-'));
  [server, bomb] = await Promise.all([
    spawnServer('edge', { TMPDIR: tmp, BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS) }),
    gzipBomb(250),
  ]);
});
afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function post(path: string, body: RequestInit['body'], headers: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', body, headers });
  return { status: res.status, body: await res.text() };
}

/** Still answering, nothing under its temp directory, no warning or error logged. */
async function expectUnharmed(): Promise<void> {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  await health.text();
  expect(readdirSync(tmp)).toEqual([]);
  expect(server.problems()).toEqual([]);
}

const json = { 'content-type': 'application/json' };
const webchatTurn = JSON.stringify({
  type: 'message',
  text: 'hi',
  from: { id: 'edge-user' },
  conversation: { id: 'edge-conv' },
});

describe('content codings are refused before the body is read', () => {
  it.each(ROUTES)(
    '%s: the issue’s curl (gzip header, plain JSON body) gets 415, the process lives',
    async (route) => {
      const res = await post(route, '{"type":"message"}', { ...json, 'content-encoding': 'gzip' });
      expect(res).toEqual({ status: 415, body: '{"error":"unsupported media type"}' });
      await expectUnharmed();
    },
  );

  it.each([
    ['gzip garbage as text/plain', 'text/plain', 'gzip', Buffer.from('not gzip at all')],
    ['real gzip', 'application/json', 'gzip', gzipSync('{"type":"message"}')],
    ['deflate', 'application/json', 'deflate', deflateSync('{"type":"message"}')],
    ['br', 'application/json', 'br', brotliCompressSync('{"type":"message"}')],
    ['upper-case GZIP', 'application/json', 'GZIP', gzipSync('{}')],
    ['identity then gzip', 'application/json', 'identity, gzip', gzipSync('{}')],
  ])('%s: 415 on every route', async (_name, type, encoding, body) => {
    for (const route of ROUTES) {
      const res = await post(route, body, { 'content-type': type, 'content-encoding': encoding });
      expect([route, res.status, res.body]).toEqual([
        route,
        415,
        '{"error":"unsupported media type"}',
      ]);
    }
    await expectUnharmed();
  });

  it('Content-Encoding: identity is no coding at all: the turn is answered', async () => {
    const res = await post('/api/webchat', webchatTurn, {
      ...json,
      'content-encoding': 'identity',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ activities: [expect.anything()] });
  });

  it('a client that asks Expect: 100-continue is not invited to send a refused body', async () => {
    const refused = await rawRequest(server.port, [
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\nExpect: 100-continue\r\n\r\n`,
    ]);
    expect([refused.status, refused.interim]).toEqual([415, []]);
    const accepted = await rawRequest(server.port, [
      'POST /api/webchat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(webchatTurn)}\r\nExpect: 100-continue\r\n\r\n`,
      { delayMs: 50 },
      webchatTurn,
    ]);
    expect([accepted.status, accepted.interim]).toEqual([200, [100]]);
    await expectUnharmed();
  });
});

describe('a gzip bomb (243 KiB that inflate to 250 MiB)', () => {
  it('is never inflated: 415 with its header, 413 or 400 as plain bytes; RSS stays flat', async () => {
    const before = processRssMb(server.pid) ?? 0;
    const attempts = await Promise.all(
      ROUTES.flatMap((route) => [
        post(route, bomb, { ...json, 'content-encoding': 'gzip' }),
        post(route, bomb, { ...json, 'content-encoding': 'gzip' }),
        // Without the header it is only 249 KiB of bytes that are not UTF-8 JSON.
        post(route, bomb, json),
      ]),
    );
    expect(attempts.map((a) => a.status)).toEqual([415, 415, 400, 415, 415, 413, 415, 415, 413]);
    for (const attempt of attempts) expect(attempt.body).toMatch(/^\{"error":"[A-Za-z ]+"\}$/);
    const after = processRssMb(server.pid) ?? 0;
    // Inflating even one would add 250 MiB; six at once took the old server to 2.8 GB.
    expect(after - before).toBeLessThan(40);
    await expectUnharmed();
  });
});

describe('uploads are never written to disk', () => {
  it.each(ROUTES)('%s: a 5 MB multipart upload gets 415 and leaves no temp file', async (route) => {
    const upload = multipartUpload(5 * 1024 * 1024);
    const res = await post(route, upload.body, { 'content-type': upload.contentType });
    expect(res).toEqual({ status: 415, body: '{"error":"unsupported media type"}' });
    await expectUnharmed();
  });

  it.each([
    ['application/x-www-form-urlencoded', 'a=1&b=2'],
    ['text/plain', '{"type":"message"}'],
    ['application/json; charset=latin1', '{"type":"message"}'],
    ['application/jsonp', '{"type":"message"}'],
  ])('Content-Type %s gets 415', async (type, body) => {
    for (const route of ROUTES) {
      expect((await post(route, body, { 'content-type': type })).status).toBe(415);
    }
    await expectUnharmed();
  });
});

describe('bodies past the limit are cut off as they arrive', () => {
  it('a declared Content-Length over the limit gets 413 before the body is sent', async () => {
    const res = await rawRequest(server.port, [
      'POST /api/alexa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000000000\r\n\r\n',
    ]);
    expect([res.status, res.body]).toEqual([413, '{"error":"request body too large"}']);
    await expectUnharmed();
  });

  it.each(ROUTES)('%s: a chunked body that never ends gets 413 within a second', async (route) => {
    const chunk = Buffer.concat([
      Buffer.from('4000\r\n'),
      Buffer.alloc(0x4000, 0x20),
      Buffer.from('\r\n'),
    ]);
    const parts: RawPart[] = [
      `POST ${route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        'Transfer-Encoding: chunked\r\n\r\n',
      '4\r\n{"a"\r\n',
      // 64 MiB if it were all read; the limits are 16 KiB to 256 KiB.
      ...Array.from({ length: 4096 }, () => chunk),
    ];
    const res = await rawRequest(server.port, parts);
    expect([res.status, res.body]).toEqual([413, '{"error":"request body too large"}']);
    expect(res.ms).toBeLessThan(1_000);
    await expectUnharmed();
  });

  it('a streamed body over the limit sent by fetch gets the 413, not a reset', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/webchat`, {
      method: 'POST',
      headers: json,
      body: stream,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toBe('{"error":"request body too large"}');
    await expectUnharmed();
  });
});

describe('slow bodies time out', () => {
  it('one byte every 200 ms gets 408 after BODY_TIMEOUT_MS, on every route', async () => {
    const trickle: RawPart[] = Array.from({ length: 40 }, () => [{ delayMs: 200 }, ' ']).flat();
    const results = await Promise.all(
      ROUTES.map((route) =>
        rawRequest(server.port, [
          `POST ${route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
            'Content-Length: 100\r\n\r\n{',
          ...trickle,
        ]),
      ),
    );
    for (const res of results) {
      expect([res.status, res.body]).toEqual([408, '{"error":"request body timeout"}']);
      expect(res.ms).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 50);
      expect(res.ms).toBeLessThan(BODY_TIMEOUT_MS + 1_000);
    }
    await expectUnharmed();
  });

  it('a chunked body trickling on after its 408 has its connection closed (linger 2 s)', async () => {
    const res = await rawRequest(
      server.port,
      [
        'POST /api/webchat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n',
        ...Array.from({ length: 80 }, () => [{ delayMs: 100 }, '1\r\n \r\n']).flat(),
      ],
      { timeoutMs: 8_000, waitForClose: true },
    );
    expect(res.status).toBe(408);
    // rawRequest stops writing once answered: the server hangs up when the linger runs out.
    expect(res.closedMs).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS + 1_900);
    expect(res.closedMs).toBeLessThan(BODY_TIMEOUT_MS + 3_000);
    await expectUnharmed();
  });
});

describe('a Host header no URL parser accepts', () => {
  // restify 12 parses Host + target as a WHATWG URL while routing; unguarded, this ended the process.
  it.each(['a b', 'example.com:99999', '['])(
    'Host: %s gets 400 on every route, the process lives',
    async (host) => {
      for (const [method, path] of [
        ['GET', '/healthz'],
        ['POST', '/api/webchat'],
        ['OPTIONS', '*'],
      ]) {
        const res = await rawRequest(server.port, [
          `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\n\r\n`,
        ]);
        expect([res.status, res.body]).toEqual([400, '{"error":"bad request"}']);
      }
      await expectUnharmed();
    },
  );
});
