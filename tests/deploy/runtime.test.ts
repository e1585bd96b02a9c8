import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { postWebchat, spawnServer, type ServerChild } from '../../src/tools/server-process';

/**
 * A deployment as the Dockerfile makes one, without a container engine: scripts/build-runtime.sh
 * copies this tree's build (`npm run build` first) and the content into a folder outside the
 * tree and installs the production dependencies there; the server started from that folder
 * (with whatever Node runs this test) serves the page, answers, reports ready, and drains on
 * SIGTERM. NLU_MODEL=required: it starts only if the built NLU artifact matches what it runs.
 */
const ROOT = join(__dirname, '..', '..');
const INSTALL_TIMEOUT_MS = 10 * 60_000;
jest.setTimeout(60_000);

let folder: string;
let runtime: string;
let server: ServerChild | undefined;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'neckbot-runtime-'));
  runtime = join(folder, 'runtime');
  await promisify(execFile)(
    'bash',
    [join(ROOT, 'scripts', 'build-runtime.sh'), '--no-build', runtime],
    { cwd: ROOT, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
  );
  server = await spawnServer(
    'runtime',
    {
      NLU_MODEL: 'required',
      LOG_LEVEL: 'info',
      SHUTDOWN_DEADLINE_MS: '5000',
      BODY_TIMEOUT_MS: '30000',
    },
    [],
    // Start-up takes about 1 s on a quiet machine, over 10 s on a crowded CI box.
    { serverJs: join(runtime, 'dist', 'server.js'), startTimeoutMs: 60_000 },
  );
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it('holds the run-time file set and production dependencies only', () => {
  expect(readdirSync(runtime).sort()).toEqual(
    [
      '.neckbot-runtime',
      'content',
      'dist',
      'intents',
      'node_modules',
      'package-lock.json',
      'package.json',
    ].sort(),
  );
  for (const built of ['server.js', 'nlu-model.bin', join('web', 'manifest.json')])
    expect(existsSync(join(runtime, 'dist', built))).toBe(true);
  for (const dev of ['botframework-webchat', 'typescript', 'jest', 'playwright-core'])
    expect(existsSync(join(runtime, 'node_modules', dev))).toBe(false);
  expect(() => require.resolve('botframework-webchat', { paths: [runtime] })).toThrow();
  expect(existsSync(join(runtime, 'node_modules', 'restify'))).toBe(true);
});

it('serves the page and its fingerprinted bundle, compressed', async () => {
  const page = await fetch(`${server!.url}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await page.text();
  const bundle = /src="(\/webchat\/webchat\.[0-9a-f]{16}\.js)"/.exec(html)?.[1];
  expect(bundle).toBeDefined();
  const script = await fetch(`${server!.url}${bundle!}`, { headers: { 'accept-encoding': 'br' } });
  expect(script.status).toBe(200);
  expect(script.headers.get('content-encoding')).toBe('br');
  expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect((await script.text()).length).toBeGreaterThan(1_000_000);
});

it('answers a question through /api/webchat, and is live and ready', async () => {
  const res = await postWebchat(server!.url, 'runtime-1', 'is it safe to massage my neck');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: Array<{ text?: string }> };
  expect(body.activities[0]?.text).toMatch(/safe/i);
  expect((await fetch(`${server!.url}/healthz`)).status).toBe(200);
  const ready = await fetch(`${server!.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready' });
});

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

it('on SIGTERM stops accepting, finishes the request in flight, then exits 0', async () => {
  const child = server!;
  const body = JSON.stringify({
    type: 'message',
    text: 'how long should a neck massage take',
    from: { id: 'user-drain' },
    conversation: { id: 'runtime-drain' },
  });
  const half = Math.floor(body.length / 2);
  let finish: () => void = () => undefined;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${child.url}/api/webchat`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const exitCode = child.kill('SIGTERM');
  // The rest of the body goes once the server has stopped accepting new connections.
  const deadline = Date.now() + 20_000;
  while (!(await refusesConnections(child.port)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await refusesConnections(child.port)).toBe(true);
  finish();
  const reply = await answer;
  expect(reply.status).toBe(200);
  expect(JSON.parse(reply.text)).toHaveProperty('activities');
  expect(await exitCode).toBe(0);
  expect(child.tail()).toMatch(/"drained":true.*shutdown complete/);
  server = undefined;
});
