import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runLoad, type LoadResult } from './bench-load';
import { processRssMb, spawnServer, type ServerChild } from './server-process';

/**
 * `npm run soak:abuse`: a bounded abuse check. One `node dist/server.js` child (heap capped as a
 * container would) serves steady web chat turns, first alone, then while gzip bombs and slow
 * bodies arrive on every POST route. Normal traffic's p99 must stay within 2x of the idle run
 * (or within autocannon's 1 ms resolution of it), with no 5xx, and the server must still answer.
 * Loopback only; every loop is bounded by the run's seconds. tests/http/abuse.test.ts runs it short.
 */
export interface AbuseOptions {
  seconds: number;
  /** Seconds of each run; `rounds` idle runs alternate with as many runs under abuse. */
  rounds: number;
  /** Normal turns per second over all connections. */
  rate: number;
  /** Gzip-bomb senders (each paced, see BOMB_INTERVAL_MS) and concurrent slow-body sockets. */
  bombers: number;
  slowSockets: number;
  nodeArgs: string[];
}

export interface AbuseReport {
  idle: LoadResult;
  underAbuse: LoadResult;
  bombs: { sent: number; byStatus: Record<string, number>; bytesEach: number; inflatesTo: number };
  slowBodies: { opened: number; answered408: number; closedByServer: number };
  rssMb: { before: number; peak: number; after: number };
  healthyAfter: boolean;
  p99Ratio: number;
  ok: boolean;
}

const ROUTES = ['/api/webchat', '/api/messages', '/api/alexa'];
const INFLATED_BYTES = 64 * 1024 * 1024;
/** Each bomber sends one bomb per this many ms (4 bombers: about 20 bombs a second). */
const BOMB_INTERVAL_MS = 200;

function postOnce(server: ServerChild, path: string, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': String(body.length),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** A socket that announces 1,000 bytes and sends one every 200 ms, until the server ends it. */
function slowBody(server: ServerChild, path: string, until: number): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(server.port, '127.0.0.1');
    let answer = '';
    const timer = setInterval(() => {
      if (Date.now() > until || socket.destroyed) return void socket.destroy();
      socket.write('a');
    }, 200);
    socket.on('connect', () =>
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"t":"`,
      ),
    );
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
  });
}

async function healthy(server: ServerChild): Promise<boolean> {
  try {
    return (await fetch(`${server.url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

export async function runAbuse(options: AbuseOptions): Promise<AbuseReport> {
  // The child can reach loopback only (see loopback-only.ts); slow bodies are cut after 2 s.
  const server = await spawnServer('abuse', { BODY_TIMEOUT_MS: '2000' }, [
    '-r',
    join(__dirname, '..', '..', 'dist', 'tools', 'loopback-only.js'),
    ...options.nodeArgs,
  ]);
  try {
    const load = (name: string, seconds = options.seconds) =>
      runLoad(name, server.url, {
        connections: 4,
        seconds,
        overallRate: options.rate,
        workload: { prefix: `${name}-${Date.now().toString(36)}`, channels: ['webchat'] },
      });
    const rss = () => processRssMb(server.pid) ?? 0;
    await load('warm-up', Math.min(3, options.seconds)); // JIT and caches first
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 250);
    const bomb = gzipSync(Buffer.alloc(INFLATED_BYTES, '{'));
    const byStatus: Record<string, number> = {};
    const slow = { opened: 0, answered408: 0, closedByServer: 0 };
    let sent = 0;
    const idleRuns: LoadResult[] = [];
    const abuseRuns: LoadResult[] = [];
    // Rounds alternate, so the store filling and the heap growing over the run weigh on both alike.
    for (let round = 0; round < options.rounds; round++) {
      idleRuns.push(await load('idle'));
      const until = Date.now() + options.seconds * 1000;
      const bombers = Array.from({ length: options.bombers }, async (_, i) => {
        for (let n = 0; Date.now() < until && n < 100_000; n++) {
          const status = await postOnce(server, ROUTES[(i + n) % ROUTES.length]!, bomb);
          sent++;
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          // Paced: this checks what bombs do to the server, not a request flood (the rate limits' job).
          await new Promise((r) => setTimeout(r, BOMB_INTERVAL_MS));
        }
      });
      const slowSenders = Array.from({ length: options.slowSockets }, async (_, i) => {
        for (let n = 0; Date.now() < until && n < 1000; n++) {
          slow.opened++;
          const answer = await slowBody(server, ROUTES[(i + n) % ROUTES.length]!, until);
          if (answer.startsWith('HTTP/1.1 408')) slow.answered408++;
          else if (Date.now() < until) slow.closedByServer++;
        }
      });
      const [run] = await Promise.all([load('under abuse'), ...bombers, ...slowSenders]);
      abuseRuns.push(run);
    }
    clearInterval(sampler);
    const idle = median(idleRuns);
    const underAbuse = median(abuseRuns);
    const after = rss();
    const healthyAfter = await healthy(server);
    const p99Ratio = underAbuse.p99 / Math.max(idle.p99, 1);
    const all = [...idleRuns, ...abuseRuns];
    const ok =
      healthyAfter &&
      all.every((r) => r.status5xx === 0 && r.errors === 0 && r.checks.wrong === 0) &&
      (p99Ratio <= 2 || underAbuse.p99 - idle.p99 <= 1);
    return {
      idle,
      underAbuse,
      bombs: { sent, byStatus, bytesEach: bomb.length, inflatesTo: INFLATED_BYTES },
      slowBodies: slow,
      rssMb: { before, peak: Math.max(peak, after), after },
      healthyAfter,
      p99Ratio,
      ok,
    };
  } finally {
    await server.stop();
  }
}

/** The run with the median p99 (its other figures come with it). */
function median(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.p99 - b.p99);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function formatAbuseReport(r: AbuseReport): string {
  const row = (x: LoadResult) =>
    `${x.name.padEnd(12)} ${x.rps.toFixed(0).padStart(5)} req/s  p50 ${x.p50} ms  p99 ${x.p99} ms  5xx ${x.status5xx}  errors ${x.errors}  wrong replies ${x.checks.wrong}`;
  const statuses = Object.entries(r.bombs.byStatus)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  return [
    'abuse check: steady web chat turns, alone and while gzip bombs and slow bodies arrive (median p99 of alternating rounds)',
    `  ${row(r.idle)}`,
    `  ${row(r.underAbuse)}`,
    `  p99 under abuse / idle: ${r.p99Ratio.toFixed(2)} (limit 2, or within 1 ms)`,
    `  gzip bombs: ${r.bombs.sent} sent (${(r.bombs.bytesEach / 1024).toFixed(0)} KB each, ${r.bombs.inflatesTo / 1024 / 1024} MB inflated), statuses ${statuses}`,
    `  slow bodies: ${r.slowBodies.opened} opened, ${r.slowBodies.answered408} answered 408, ${r.slowBodies.closedByServer} closed by the server`,
    `  server RSS: ${r.rssMb.before.toFixed(0)} MiB before, ${r.rssMb.peak.toFixed(0)} MiB peak, ${r.rssMb.after.toFixed(0)} MiB after; /healthz after: ${r.healthyAfter ? 'ok' : 'DOWN'}`,
    `  verdict: ${r.ok ? 'ok' : 'FAILED'}`,
  ].join('\n');
}

if (require.main === module) {
  const seconds = Number(process.env.ABUSE_SECONDS ?? 10);
  runAbuse({
    seconds: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) : 10,
    rounds: 3,
    rate: 100,
    bombers: 4,
    slowSockets: 20,
    nodeArgs: ['--max-old-space-size=128'],
  })
    .then((report) => {
      process.stdout.write(`${formatAbuseReport(report)}\n`);
      process.exitCode = report.ok ? 0 : 1;
    })
    .catch((err: unknown) => {
      process.stderr.write(`soak:abuse: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
