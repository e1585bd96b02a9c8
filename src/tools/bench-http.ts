import { startBenchHost } from './bench-host';
import { measureRounds, printRows, type Row, type Target } from './load-run';

/**
 * `npm run bench:http`: requests per second, p50/p99 latency and server CPU per request, on
 * loopback, of /api/webchat and of /api/messages with expectReplies, next to two references
 * measured in the same run: a minimal echo bot through the same CloudAdapter, and a bare restify
 * route returning constant JSON. The servers run in a process of their own (src/tools/bench-host.ts);
 * autocannon runs here, so it never competes with them for one event loop.
 */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUESTIONS = [
  'is it safe to massage my neck',
  'what are the benefits',
  'next',
  'how hard should I press',
  'I feel dizzy',
];

let counter = 0;
function activityBody(kind: 'webchat' | 'botframework'): string {
  const n = ++counter;
  const conversation = { id: `bench-${n % 200}` };
  const text = QUESTIONS[n % QUESTIONS.length];
  if (kind === 'webchat')
    return JSON.stringify({ type: 'message', text, from: { id: `u${n % 200}` }, conversation });
  return JSON.stringify({
    type: 'message',
    id: `bench-${n}`,
    text,
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `u${n % 200}` },
    recipient: { id: 'bot' },
    conversation,
    deliveryMode: 'expectReplies',
  });
}

async function main(): Promise<void> {
  const host = await startBenchHost({ kind: 'http' });
  try {
    const { ours, ref } = host.urls as { ours: string; ref: string };
    const post = (kind: 'webchat' | 'botframework') => () => ({ body: activityBody(kind) });
    const cpuMicros = () => host.cpuMicros();
    const targets: Target[] = [
      { name: 'bare restify route (constant JSON)', url: `${ref}/bare`, cpuMicros },
      {
        name: 'echo bot, same CloudAdapter',
        url: `${ref}/echo`,
        request: post('botframework'),
        cpuMicros,
      },
      {
        name: 'our bot: /api/messages expectReplies',
        url: `${ours}/api/messages`,
        request: post('botframework'),
        cpuMicros,
      },
      {
        name: 'our bot: /api/webchat',
        url: `${ours}/api/webchat`,
        request: post('webchat'),
        cpuMicros,
      },
    ];
    const rows = await measureRounds(targets, CONNECTIONS, DURATION_S, ROUNDS);
    console.log(
      `${DURATION_S} s per run, best of ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, loopback, servers in their own process, Node ${process.version}\n`,
    );
    printRows(rows);
    const [bare, echo, messages, webchat] = rows as [Row, Row, Row, Row];
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
    const cpuPct = (a: Row, b: Row) =>
      a.cpuPerRequest && b.cpuPerRequest ? pct(b.cpuPerRequest, a.cpuPerRequest) : '-';
    console.log(
      `\n/api/messages keeps ${pct(messages.rps, echo.rps)} of the echo bot's throughput (target >= 80%); by server CPU per request ${cpuPct(messages, echo)}`,
    );
    console.log(
      `/api/webchat keeps ${pct(webchat.rps, echo.rps)} of the echo bot's throughput; by server CPU per request ${cpuPct(webchat, echo)}`,
    );
    console.log(`the echo bot keeps ${pct(echo.rps, bare.rps)} of the bare route's throughput`);
  } finally {
    await host.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
