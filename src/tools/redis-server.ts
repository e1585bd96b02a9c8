import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A private redis-server on a loopback port, for tests and benchmarks (tests may stop, pause or
 * restart it). Needs Debian's redis-server (`bash scripts/ensure-redis.sh`) or REDIS_SERVER_BIN.
 */
export interface RedisServer {
  url: string;
  port: number;
  /** SIGTERM, and wait until the process has exited. */
  stop(): Promise<void>;
  /** Start again on the same port (stopping first if it still runs); resolves when it answers. */
  restart(): Promise<void>;
  /** SIGSTOP: the port stays open but nothing answers (a hung server). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** Spawns `redis-server` (or `$REDIS_SERVER_BIN`) on a free loopback port, without persistence. */
export async function startRedis(): Promise<RedisServer> {
  const bin = findRedisServer();
  // Another process may take the free port before redis-server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      let proc = await launch(bin, port);
      const server: RedisServer = {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => terminate(proc),
        restart: async () => {
          await terminate(proc);
          proc = await launch(bin, port);
        },
        pause: () => signal(proc, 'SIGSTOP'),
        resume: () => signal(proc, 'SIGCONT'),
      };
      return server;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

function findRedisServer(): string {
  const configured = process.env.REDIS_SERVER_BIN;
  const candidates = configured
    ? [configured]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'redis-server'));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  throw new Error(
    `redis-server not found (${configured ? `REDIS_SERVER_BIN=${configured}` : 'not on PATH'}): ` +
      "the Redis state store tests need it. Install Debian's redis-server " +
      '(apt-get install --no-install-recommends redis-server, or run `bash scripts/ensure-redis.sh` ' +
      'as root) or point REDIS_SERVER_BIN at a redis-server binary.',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

async function launch(bin: string, port: number): Promise<ChildProcess> {
  const proc = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      tmpdir(),
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Keep the last lines of its log for error messages (and so its pipes never fill up).
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  let failure: Error | undefined;
  proc.once('error', (err) => (failure = err));
  proc.once('exit', (code, sig) => {
    failure ??= new Error(`redis-server exited (code ${code}, signal ${sig})`);
  });

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (failure || Date.now() > deadline) {
      await terminate(proc);
      throw new Error(
        `redis-server on port ${port} did not start: ${failure?.message ?? 'no PING reply'}\n${log}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return proc;
}

/** One raw PING, so the helper needs no client library and leaves no connection behind. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function signal(proc: ChildProcess, sig: NodeJS.Signals): void {
  if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
}

async function terminate(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  signal(proc, 'SIGCONT'); // a paused server handles SIGTERM only once it runs again
  signal(proc, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS);
  });
  const ok = await Promise.race([exited.then(() => true), timedOut]);
  clearTimeout(timer);
  if (!ok) {
    signal(proc, 'SIGKILL');
    await exited;
  }
}
