import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { readConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';

/**
 * The built page (dist/web, from `npm run build`) as the server sends it: fingerprinted assets
 * cached for a year, the page revalidated with its ETag, the pre-compressed copy the client
 * accepts. Raw HTTP, so that nothing decompresses behind the test's back.
 */
jest.setTimeout(30_000);

let server: RunningServer;

beforeAll(async () => {
  server = await startServer(readConfig({ PORT: '0' }), silentLogger);
});
afterAll(async () => {
  await server?.close();
});

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

/** The fingerprinted script and style paths the page refers to. */
async function pageAssets(): Promise<string[]> {
  const html = (await get('/')).body.toString('utf8');
  return [...html.matchAll(/(?:src|href)="(\/webchat\/[^"]+)"/g)].map((m) => m[1]!);
}

describe('the web page', () => {
  it('refers only to fingerprinted assets', async () => {
    const paths = await pageAssets();
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const path of paths) expect(path).toMatch(/^\/webchat\/[\w-]+\.[0-9a-f]{16}\.(js|css)$/);
    expect(paths.some((p) => p.startsWith('/webchat/webchat.'))).toBe(true);
  });

  it('is revalidated: no-cache, an ETag, 304 when it matches, the security headers kept', async () => {
    const first = await get('/');
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);

    const again = await get('/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/', { 'if-none-match': '"0000000000000000"' })).status).toBe(200);
  });

  it('fingerprinted assets: immutable for a year, brotli, gzip or none as accepted', async () => {
    for (const path of await pageAssets()) {
      const plain = await get(path);
      expect(plain.status).toBe(200);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.headers['vary']).toBe('Accept-Encoding');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Number(plain.headers['content-length'])).toBe(plain.body.length);

      const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.body.length).toBeLessThan(plain.body.length);
      // (Buffer.equals: jest's toEqual walks a 3.9 MB buffer byte by byte, for minutes.)
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

      const gz = await get(path, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

      expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
      const cached = await get(path, {
        'accept-encoding': 'br',
        'if-none-match': br.headers.etag!,
      });
      expect(cached.status).toBe(304);
      expect(cached.body.length).toBe(0);
    }
  });

  it('the bundle is sent compressed to under a third of its size', async () => {
    const bundle = (await pageAssets()).find((p) => p.startsWith('/webchat/webchat.'))!;
    const plain = await get(bundle);
    const br = await get(bundle, { 'accept-encoding': 'br' });
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('plain asset names still answer, revalidated; unknown ones are a 404', async () => {
    const plain = await get('/webchat/webchat.js', { 'accept-encoding': 'br' });
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers['content-encoding']).toBe('br');
    expect((await get('/webchat/webchat.0000000000000000.js')).status).toBe(404);
    const missing = await get('/webchat/nope.js');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString('utf8'))).toEqual({ error: 'not found' });
  });
});
