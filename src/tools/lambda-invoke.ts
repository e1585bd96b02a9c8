import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { LambdaHandler } from '../channels/alexa/skill';

/**
 * One Lambda container, as a process: `node dist/tools/lambda-invoke.js [handler module]` requires
 * the handler module (default dist/lambda.js, or the `lambda.js` of an unpacked zip), then invokes
 * `handler` once per stdin line (an Alexa request envelope) and writes one JSON line per answer:
 * `{"requireMs"}` first, then `{"ms","sinceStartMs","response"}` or `{"ms","error"}`. These lines
 * start with `ANSWER_MARK`: the handler's own log lines go to stdout too, as in Lambda.
 */
const started = performance.now();
export const ANSWER_MARK = '@@lambda ';

function main(): void {
  const file = resolve(process.argv[2] ?? `${__dirname}/../lambda.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(file) as { handler: LambdaHandler };
  write({ requireMs: performance.now() - started });
  // One invocation at a time, in order, as one container serves them.
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() !== '') queue = queue.then(() => invoke(handler, line));
  });
  // Input over: the container is done (an open Redis connection would keep the process alive).
  lines.on('close', () => void queue.then(() => process.exit(0)));
}

async function invoke(handler: LambdaHandler, line: string): Promise<void> {
  const t0 = performance.now();
  try {
    const response = await handler(JSON.parse(line) as Parameters<LambdaHandler>[0], {});
    const now = performance.now();
    write({ ms: now - t0, sinceStartMs: now - started, response });
  } catch (err) {
    write({ ms: performance.now() - t0, error: err instanceof Error ? err.message : String(err) });
  }
}

function write(value: object): void {
  process.stdout.write(`${ANSWER_MARK}${JSON.stringify(value)}\n`);
}

if (require.main === module) main();
