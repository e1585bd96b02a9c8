import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { readConfig } from '../../src/config';
import { EDGE_ERRORS } from '../../src/http/body';
import { silentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';

/**
 * Hostile bodies at the HTTP edge (issue 20): every POST route reads through src/http/body.ts,
 * so a compressed, multipart, oversized or slow body gets a fixed-shape 4xx, nothing is written to
 * the temp directory, and the server keeps serving.
 */
let server: RunningServer;
const ROUTES = ['/api/messages', '/api/webchat', '/api/alexa'];
const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith('upload_')).length;
let uploadsBefore = 0;

beforeAll(async () => {
  server = await startServer(
    readConfig({ PORT: '0', ALEXA_VERIFY_SIGNATURES: 'false' }),
    silentLogger,
  );
  uploadsBefore = uploads();
});
afterAll(async () => {
  await server.close();
});

interface Answer {
  status: number;
  body: string;
}

/** One request with a body sent in chunks (`delayMs` between them); resolves with the answer. */
function send(
  path: string,
  headers: Record<string, string>,
  chunks: Buffer[],
  delayMs = 0,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'POST', headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    let i = 0;
    const writeNext = () => {
      if (i >= chunks.length) return void req.end();
      if (req.destroyed) return;
      req.write(chunks[i++]);
      if (delayMs > 0) setTimeout(writeNext, delayMs).unref();
      else writeNext();
    };
    writeNext();
  });
}

async function healthy(): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
  return res.status === 200;
}

const json = { 'content-type': 'application/json' };

describe.each(ROUTES)('%s refuses hostile bodies', (route) => {
  it('gzip garbage: 415 before reading, and the server stays up', async () => {
    const res = await send(route, { ...json, 'content-encoding': 'gzip' }, [
      Buffer.from('{"type":"message"}'),
    ]);
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toEqual({ error: EDGE_ERRORS.mediaType });
    expect(await healthy()).toBe(true);
  });

  it('a gzip bomb (1 MB of zeros, about 1 KB compressed) is never inflated', async () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, '0'));
    const res = await send(route, { ...json, 'content-encoding': 'gzip' }, [bomb]);
    expect(res.status).toBe(415);
    expect(await healthy()).toBe(true);
  });

  it.each(['deflate', 'br', 'identity, gzip'])('Content-Encoding %s: 415', async (encoding) => {
    const res = await send(route, { ...json, 'content-encoding': encoding }, [Buffer.from('{}')]);
    expect(res.status).toBe(415);
  });

  it('multipart: 415 and nothing written to the temp directory', async () => {
    const boundary = 'xyz';
    const part = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`,
      ),
      Buffer.alloc(256 * 1024, 7),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await send(route, { 'content-type': `multipart/form-data; boundary=${boundary}` }, [
      part,
    ]);
    expect(res.status).toBe(415);
    expect(uploads()).toBe(uploadsBefore);
    expect(await healthy()).toBe(true);
  });

  it('a chunked body past the limit: 413, counted as it arrives', async () => {
    const chunk = Buffer.alloc(8 * 1024, 'a');
    const chunks = [Buffer.from('{"text":"'), ...Array.from({ length: 300 }, () => chunk)];
    const res = await send(route, { ...json, 'transfer-encoding': 'chunked' }, chunks);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: EDGE_ERRORS.tooLarge });
    expect(await healthy()).toBe(true);
  });

  it('a declared Content-Length past the limit: 413 before reading', async () => {
    const res = await send(route, { ...json, 'content-length': String(50 * 1024 * 1024) }, []);
    expect(res.status).toBe(413);
  });

  it('text/plain and a foreign charset: 415', async () => {
    expect((await send(route, { 'content-type': 'text/plain' }, [Buffer.from('{}')])).status).toBe(
      415,
    );
    const latin = { 'content-type': 'application/json; charset=iso-8859-1' };
    expect((await send(route, latin, [Buffer.from('{}')])).status).toBe(415);
  });

  it('invalid JSON: 400 with a fixed message', async () => {
    const res = await send(route, json, [Buffer.from('{"type": ')]);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: EDGE_ERRORS.invalidJson });
  });
});

it('a slow body gets 408 and the server keeps serving meanwhile', async () => {
  const socket = connect(server.port, '127.0.0.1');
  const answer = new Promise<string>((resolve) => {
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
  });
  socket.write(
    'POST /api/webchat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"te',
  );
  expect(await healthy()).toBe(true);
  expect(await answer).toMatch(/^HTTP\/1\.1 408/);
}, 20_000);

it('the curl of issue 20 leaves the process serving web chat turns', async () => {
  await send('/api/messages', { ...json, 'content-encoding': 'gzip' }, [
    Buffer.from('{"type":"message"}'),
  ]);
  const res = await send('/api/webchat', json, [
    Buffer.from(
      JSON.stringify({
        type: 'message',
        text: 'hi',
        from: { id: 'u1' },
        conversation: { id: 'c1' },
      }),
    ),
  ]);
  expect(res.status).toBe(200);
  expect(res.body).toContain('"activities"');
});
