import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_VARIABLES } from '../config';

/**
 * `node dist/server.js` as a child process, like one instance of a deployment: for bench:load, the
 * soak and the multi-instance tests. Only the settings given here reach it (inherited configuration
 * variables are cleared).
 */
const SERVER_JS = join(__dirname, '..', '..', 'dist', 'server.js');
const START_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 8_000;

/** Per-client rate limits out of the way: every load generator is one loopback client. */
export const UNLIMITED_RATES: Readonly<Record<string, string>> = {
  WEBCHAT_RATE_PER_SECOND: '1000000000',
  WEBCHAT_BURST: '1000000000',
  MESSAGES_RATE_PER_SECOND: '1000000000',
  MESSAGES_BURST: '1000000000',
  ALEXA_RATE_PER_SECOND: '1000000000',
  ALEXA_BURST: '1000000000',
};

/** A local load-test server: Alexa verification off, the per-client rate limits out of the way. */
export const LOAD_SERVER_ENV: Readonly<Record<string, string>> = {
  PORT: '0',
  LOG_LEVEL: 'warn',
  ALEXA_VERIFY_SIGNATURES: 'false',
  ...UNLIMITED_RATES,
  SHUTDOWN_DEADLINE_MS: '2000',
};

export interface ServerChild {
  name: string;
  url: string;
  port: number;
  pid: number;
  /** Log lines at warn or above, start-up notices (those naming the port) aside. */
  problems(): string[];
  /** Every line it wrote to stdout (the last 10,000), and to stderr. */
  stdout(): string[];
  stderr(): string;
  /** The last lines of its output, for error messages. */
  tail(): string;
  /** SIGTERM (graceful shutdown), SIGKILL if it has not exited in time. Safe to call twice. */
  stop(): Promise<void>;
  /** Sends one signal and resolves with the exit code once the process has ended. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnOptions {
  /** Another build's server.js (a deployment folder); this project's dist/server.js by default. */
  serverJs?: string;
  /** How long it may take to listen (15 s by default). */
  startTimeoutMs?: number;
}

/** Starts `node dist/server.js` with `env` on a free port and resolves once it listens. */
export async function spawnServer(
  name: string,
  env: Record<string, string>,
  /** Node options for the child (--trace-gc, -r a preload, ...). */
  nodeArgs: readonly string[] = [],
  options: SpawnOptions = {},
): Promise<ServerChild> {
  const serverJs = options.serverJs ?? SERVER_JS;
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_VARIABLES) delete childEnv[key];
  Object.assign(childEnv, LOAD_SERVER_ENV, env);
  const proc = spawn(process.execPath, [...nodeArgs, serverJs], {
    cwd: dirname(dirname(serverJs)),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${serverJs}`);
  const pid = proc.pid;
  let output = '';
  let listening = false;
  const problems: string[] = [];
  const stdoutLines: string[] = [];
  let stderr = '';
  let onPort: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => (onPort = resolve));
  let pending = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8000);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      stdoutLines.push(line);
      if (stdoutLines.length > 10_000) stdoutLines.shift();
      let record: { port?: unknown; level?: unknown; msg?: unknown };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        if (listening && line.trim()) problems.push(line);
        continue;
      }
      // Every start-up line (listening, state store, unverified Alexa signatures) names the port.
      if (typeof record.port === 'number') {
        if (!listening) onPort(record.port);
        listening = true;
      } else if (listening && isWarnOrWorse(record.level)) {
        problems.push(line);
      }
    }
  });
  proc.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    stderr = (stderr + chunk.toString()).slice(-100_000);
  });
  const exitCode = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  const exited = exitCode.then(() => undefined);
  const child: ServerChild = {
    name,
    url: '',
    port: 0,
    pid,
    problems: () => problems,
    stdout: () => stdoutLines,
    stderr: () => stderr,
    tail: () => output,
    stop: () => terminate(proc, exited),
    kill: (signal) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exitCode;
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name} did not start in ${startTimeoutMs} ms:\n${output}`)),
      startTimeoutMs,
    );
    void exited.then(() => reject(new Error(`${name} exited before listening:\n${output}`)));
  });
  try {
    child.port = await Promise.race([port, failed]);
  } catch (err) {
    await child.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  child.url = `http://127.0.0.1:${child.port}`;
  return child;
}

function isWarnOrWorse(level: unknown): boolean {
  if (typeof level === 'number') return level >= 40;
  return level === 'warn' || level === 'error' || level === 'fatal';
}

async function terminate(proc: ChildProcess, exited: Promise<void>): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!inTime) {
    proc.kill('SIGKILL');
    await exited;
  }
}

/** One web chat turn, as the page sends it. */
export function postWebchat(
  baseUrl: string,
  conversation: string,
  text: string,
): Promise<Response> {
  return fetch(`${baseUrl}/api/webchat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      text,
      from: { id: `user-${conversation}` },
      conversation: { id: conversation },
    }),
  });
}

/** A process's resident set size in MiB, from /proc (Linux); undefined elsewhere or once it exited. */
export function processRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}
