import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import restify from 'restify';
import { readConfig } from '../config';
import { silentLogger } from '../logger';
import { startServer, type RunningServer } from '../server';
import { measureRounds, printRows, type Row, type Target } from './load-run';
import { createTestCa } from './test-ca';

/**
 * `npm run bench:alexa`: requests per second and p50/p99 of /api/alexa for a question and a routine
 * step, with signature verification on (test certificate) and off, next to a minimal hello-world
 * ask-sdk-core skill on a restify route, measured in the same run on loopback.
 */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 10;
const ROUNDS = 2;
const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem';

let counter = 0;
function envelope(intent: Record<string, unknown>): string {
  const n = ++counter;
  const application = { applicationId: 'amzn1.ask.skill.bench' };
  const user = { userId: `amzn1.ask.account.${n % 200}` };
  return JSON.stringify({
    version: '1.0',
    session: { new: false, sessionId: `s-${n % 200}`, application, user, attributes: {} },
    context: { System: { application, user, apiEndpoint: 'https://api.amazonalexa.com' } },
    request: {
      type: 'IntentRequest',
      requestId: `r${n}`,
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      intent: { confirmationStatus: 'NONE', ...intent },
    },
  });
}
const question = () =>
  envelope({
    name: 'AskQuestionIntent',
    slots: {
      query: { name: 'query', value: 'is it safe to massage my neck', confirmationStatus: 'NONE' },
    },
  });
const step = () => envelope({ name: 'AMAZON.NextIntent' });

async function helloWorld(): Promise<{ port: number; close: () => Promise<void> }> {
  const skill = SkillBuilders.custom()
    .addRequestHandlers({
      canHandle: () => true,
      handle: (input) => input.responseBuilder.speak('Hello world').getResponse(),
    })
    .create();
  const server = restify.createServer();
  server.post(
    '/hello',
    restify.plugins.bodyParser({ mapParams: false }),
    async (req: restify.Request, res: restify.Response) => {
      res.json(await skill.invoke(req.body as RequestEnvelope));
    },
  );
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: server.address().port,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
      }),
  };
}

async function main(): Promise<void> {
  const ca = createTestCa();
  const on: RunningServer = await startServer(readConfig({ PORT: '0' }), silentLogger, {
    alexaVerify: { trustedRoots: [ca.rootPem], fetchCertChain: () => Promise.resolve(ca.chainPem) },
  });
  const off = await startServer(
    readConfig({ PORT: '0', ALEXA_VERIFY_SIGNATURES: 'false' }),
    silentLogger,
  );
  const hello = await helloWorld();
  try {
    const signed = (make: () => string) => () => {
      const body = make();
      return { body, headers: { SignatureCertChainUrl: CERT_URL, 'Signature-256': ca.sign(body) } };
    };
    const plain = (make: () => string) => () => ({ body: make() });
    const targets: Target[] = [
      {
        name: 'hello-world ask-sdk-core skill',
        url: `http://127.0.0.1:${hello.port}/hello`,
        request: plain(question),
      },
      {
        name: 'our skill, question, verification off',
        url: `http://127.0.0.1:${off.port}/api/alexa`,
        request: plain(question),
      },
      {
        name: 'our skill, routine step, verification off',
        url: `http://127.0.0.1:${off.port}/api/alexa`,
        request: plain(step),
      },
      {
        name: 'our skill, question, verification on',
        url: `http://127.0.0.1:${on.port}/api/alexa`,
        request: signed(question),
      },
      {
        name: 'our skill, routine step, verification on',
        url: `http://127.0.0.1:${on.port}/api/alexa`,
        request: signed(step),
      },
    ];
    const rows: Row[] = await measureRounds(targets, CONNECTIONS, DURATION_S, ROUNDS);
    console.log(
      `${DURATION_S} s per run, best of ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, loopback, Node ${process.version}\n`,
    );
    printRows(rows);
    const [base, question1] = rows as [Row, Row];
    console.log(
      `\nquestion with verification off keeps ${((question1.rps / base.rps) * 100).toFixed(0)}% of the hello-world skill's throughput (target >= 50%)`,
    );
    console.log(
      '(signing happens in the load generator for the "verification on" rows, so they also measure the signer)',
    );
  } finally {
    await Promise.all([on.close(), off.close(), hello.close()]);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
