import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { readConfig } from '../config';
import { silentLogger } from '../logger';
import { startServer } from '../server';
import { measureRounds, printRows, type Row, type Target } from './load-run';

/**
 * `npm run bench:http`: requests per second and p50/p99 latency, on loopback, of /api/webchat and of
 * /api/messages with expectReplies, next to two references measured in the same run: a minimal echo
 * bot through the same CloudAdapter, and a bare restify route returning constant JSON.
 */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const ROUNDS = 2;
const QUESTIONS = [
  'is it safe to massage my neck',
  'what are the benefits',
  'next',
  'how hard should I press',
  'I feel dizzy',
];

async function referenceServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = restify.createServer();
  server.post(
    '/echo',
    restify.plugins.bodyParser({ mapParams: false }),
    async (req: restify.Request, res: restify.Response) => {
      await adapter.process(req, res, (context) => echo.run(context));
    },
  );
  server.get('/bare', async (_req: restify.Request, res: restify.Response) => {
    res.json({ ok: true });
    await Promise.resolve();
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: address.port,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
      }),
  };
}

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
  const ours = await startServer(
    readConfig({ PORT: '0', WEBCHAT_RATE_PER_SECOND: '1000000', WEBCHAT_BURST: '1000000' }),
    silentLogger,
  );
  const ref = await referenceServer();
  try {
    const post = (kind: 'webchat' | 'botframework') => () => ({ body: activityBody(kind) });
    const targets: Target[] = [
      { name: 'bare restify route (constant JSON)', url: `http://127.0.0.1:${ref.port}/bare` },
      {
        name: 'echo bot, same CloudAdapter',
        url: `http://127.0.0.1:${ref.port}/echo`,
        request: post('botframework'),
      },
      {
        name: 'our bot: /api/messages expectReplies',
        url: `http://127.0.0.1:${ours.port}/api/messages`,
        request: post('botframework'),
      },
      {
        name: 'our bot: /api/webchat',
        url: `http://127.0.0.1:${ours.port}/api/webchat`,
        request: post('webchat'),
      },
    ];
    const rows = await measureRounds(targets, CONNECTIONS, DURATION_S, ROUNDS);
    console.log(
      `${DURATION_S} s per run, best of ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, loopback, Node ${process.version}\n`,
    );
    printRows(rows);
    const [bare, echo, messages, webchat] = rows as [Row, Row, Row, Row];
    const pct = (a: Row, b: Row) => `${((a.rps / b.rps) * 100).toFixed(0)}%`;
    console.log(
      `\n/api/messages keeps ${pct(messages, echo)} of the echo bot's throughput (target >= 80%); the echo bot keeps ${pct(echo, bare)} of the bare route`,
    );
    console.log(`/api/webchat keeps ${pct(webchat, echo)} of the echo bot's throughput`);
  } finally {
    await ours.close();
    await ref.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
