import { startBenchHost } from './bench-host';
import { measureRounds, printRows, type Row, type Target } from './load-run';
import { createTestCa } from './test-ca';

/**
 * `npm run bench:alexa`: requests per second, p50/p99 and server CPU per request of /api/alexa for
 * a question and a routine step, with signature verification on (test certificate) and off, next
 * to a minimal hello-world ask-sdk-core skill mounted on the same server, measured in the same run
 * on loopback. The servers run in a process of their own (src/tools/bench-host.ts); autocannon
 * (and the request signer) run here, so they never compete with them for one event loop.
 */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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

async function main(): Promise<void> {
  const ca = createTestCa();
  const host = await startBenchHost({ kind: 'alexa', rootPem: ca.rootPem, chainPem: ca.chainPem });
  try {
    const { off, on } = host.urls as { off: string; on: string };
    const signed = (make: () => string) => () => {
      const body = make();
      return { body, headers: { SignatureCertChainUrl: CERT_URL, 'Signature-256': ca.sign(body) } };
    };
    const plain = (make: () => string) => () => ({ body: make() });
    const cpuMicros = () => host.cpuMicros();
    const targets: Target[] = [
      {
        name: 'hello-world ask-sdk-core skill',
        url: `${off}/bench/hello`,
        request: plain(question),
        cpuMicros,
      },
      {
        name: 'diagnostic: hello world after 1 core turn',
        url: `${off}/bench/hello-core-1`,
        request: plain(question),
        cpuMicros,
      },
      {
        name: 'diagnostic: hello world after 2 core turns',
        url: `${off}/bench/hello-core-2`,
        request: plain(question),
        cpuMicros,
      },
      {
        name: 'our skill, question, verification off',
        url: `${off}/api/alexa`,
        request: plain(question),
        cpuMicros,
      },
      {
        name: 'our skill, routine step, verification off',
        url: `${off}/api/alexa`,
        request: plain(step),
        cpuMicros,
      },
      {
        name: 'our skill, question, verification on',
        url: `${on}/api/alexa`,
        request: signed(question),
        cpuMicros,
      },
      {
        name: 'our skill, routine step, verification on',
        url: `${on}/api/alexa`,
        request: signed(step),
        cpuMicros,
      },
    ];
    const rows: Row[] = await measureRounds(targets, CONNECTIONS, DURATION_S, ROUNDS);
    console.log(
      `${DURATION_S} s per run, best of ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, loopback, servers in their own process, Node ${process.version}\n`,
    );
    printRows(rows);
    const [base, one, two, question1] = rows as [Row, Row, Row, Row];
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
    const byCpu =
      base.cpuPerRequest && question1.cpuPerRequest
        ? pct(base.cpuPerRequest, question1.cpuPerRequest)
        : '-';
    console.log(
      `\nquestion with verification off keeps ${pct(question1.rps, base.rps)} of the hello-world skill's throughput (target >= 50%); by server CPU per request ${byCpu}`,
    );
    if (base.cpuPerRequest && one.cpuPerRequest && two.cpuPerRequest) {
      const us = (n: number) => `${n.toFixed(0)} us`;
      console.log(
        `diagnostic: a core turn adds ${us(one.cpuPerRequest - base.cpuPerRequest)} of server CPU to a request, a second identical turn ${us(two.cpuPerRequest - one.cpuPerRequest)}`,
      );
    }
    console.log(
      '(the hello-world rows can be limited by the load generator, which signs requests for the "verification on" rows too; server CPU per request is not)',
    );
  } finally {
    await host.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
