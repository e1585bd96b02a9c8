import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { CONFIG_VARIABLES } from '../config';
import { ANSWER_MARK } from './lambda-invoke';

/**
 * A Lambda container as a child process (dist/tools/lambda-invoke.js): a fresh `node` that requires
 * the handler, as a cold start does, and answers Alexa request envelopes one at a time. For the
 * Lambda tests and `npm run bench:lambda`. Only the settings given reach it.
 */
const INVOKE_JS = join(__dirname, '..', '..', 'dist', 'tools', 'lambda-invoke.js');
const REPLY_TIMEOUT_MS = 30_000;

export interface Answer {
  ms: number;
  sinceStartMs?: number;
  response?: ResponseEnvelope;
  error?: string;
}

export interface LambdaChild {
  /** From spawn to the handler module loaded (the cold start's require). */
  requireMs: Promise<number>;
  invoke(envelope: object): Promise<Answer>;
  /** Ends stdin and waits for the exit code. */
  close(): Promise<number | null>;
  stderr(): string;
  /** The handler's own output (log lines), in order. */
  logs(): string[];
}

export function spawnLambda(env: Record<string, string>, handlerModule?: string): LambdaChild {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_VARIABLES) delete childEnv[key];
  const child = spawn(process.execPath, [INVOKE_JS, ...(handlerModule ? [handlerModule] : [])], {
    env: { ...childEnv, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-8_000);
  });
  const waiting: Array<(line: string) => void> = [];
  const lines: string[] = [];
  const logs: string[] = [];
  createInterface({ input: child.stdout }).on('line', (raw) => {
    if (!raw.startsWith(ANSWER_MARK)) return void logs.push(raw);
    const line = raw.slice(ANSWER_MARK.length);
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const queued = lines.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(
        () => reject(new Error(`no answer from the Lambda process: ${errors}`)),
        REPLY_TIMEOUT_MS,
      );
      timer.unref();
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the Lambda process exited: ${errors}`));
      });
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  const requireMs = nextLine().then(
    (line) => (JSON.parse(line) as { requireMs: number }).requireMs,
  );
  let queue: Promise<unknown> = requireMs;
  return {
    requireMs,
    invoke: (envelope) => {
      const answer = queue.then(async () => {
        child.stdin.write(`${JSON.stringify(envelope)}\n`);
        return JSON.parse(await nextLine()) as Answer;
      });
      queue = answer.catch(() => undefined);
      return answer;
    },
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    stderr: () => errors,
    logs: () => [...logs],
  };
}
