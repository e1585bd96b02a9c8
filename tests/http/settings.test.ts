import { readConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';

// Tests start servers in-process: CI runs three jest projects on 2 cores.
jest.setTimeout(30_000);

/** METRICS_PORT, NODE_ENV's case and FRAME_ANCESTORS. */
const get = async (port: number, path: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text(), headers: res.headers };
};

describe('METRICS_PORT', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('unset: /metrics on the main port, as before', async () => {
    server = await startServer(readConfig({ PORT: '0' }), silentLogger);
    expect(server.metricsPort).toBeUndefined();
    const res = await get(server.port, '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('neckbot_turns_total');
  });

  it('a port: /metrics there only; that port serves nothing else', async () => {
    server = await startServer(readConfig({ PORT: '0', METRICS_PORT: '0' }), silentLogger);
    const metricsPort = server.metricsPort ?? -1;
    expect(metricsPort).toBeGreaterThan(0);
    expect(metricsPort).not.toBe(server.port);
    expect(await get(server.port, '/metrics')).toMatchObject({ status: 404 });
    const res = await get(metricsPort, '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('process_resident_memory_bytes');
    expect(await get(metricsPort, '/healthz')).toMatchObject({
      status: 404,
      body: '{"error":"not found"}',
    });
    const post = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('off: no /metrics anywhere', async () => {
    server = await startServer(readConfig({ PORT: '0', METRICS_PORT: 'off' }), silentLogger);
    expect(server.metricsPort).toBeUndefined();
    expect(await get(server.port, '/metrics')).toMatchObject({ status: 404 });
  });

  it.each(['metrics', '70000', '-1', '80 81'])('refuses METRICS_PORT=%s at start', (value) => {
    expect(() => readConfig({ METRICS_PORT: value })).toThrow(
      /METRICS_PORT: a port number or "off"/,
    );
  });
});

describe('NODE_ENV', () => {
  it.each(['production', 'Production', 'PRODUCTION', ' production '])(
    '%j is production: no start with authentication off',
    (value) => {
      expect(() => readConfig({ NODE_ENV: value })).toThrow(
        /NODE_ENV=production needs MicrosoftAppId/,
      );
      expect(readConfig({ NODE_ENV: value, MicrosoftAppId: 'app' }).production).toBe(true);
    },
  );

  it.each(['development', 'test', 'productionish'])('%j is not', (value) => {
    expect(readConfig({ NODE_ENV: value }).production).toBe(false);
  });
});

describe('FRAME_ANCESTORS', () => {
  it('lets the named origins frame the page, and drops X-Frame-Options', async () => {
    const server = await startServer(
      readConfig({ PORT: '0', FRAME_ANCESTORS: "'self' https://intranet.example.com" }),
      silentLogger,
    );
    try {
      const res = await get(server.port, '/');
      expect(res.headers.get('content-security-policy')).toContain(
        "frame-ancestors 'self' https://intranet.example.com",
      );
      expect(res.headers.get('x-frame-options')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it.each([
    "'none' https://a.example",
    'javascript:alert(1)',
    "'unsafe-inline'",
    'https://a.example;script-src *',
  ])('refuses %s at start', (value) => {
    expect(() => readConfig({ FRAME_ANCESTORS: value })).toThrow(/FRAME_ANCESTORS: /);
  });
});
