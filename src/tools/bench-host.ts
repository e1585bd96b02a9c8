import { fork, type ChildProcess } from 'node:child_process';
import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { createPipeline } from '../app';
import { turnFromRequest } from '../channels/alexa/inbound';
import { readConfig } from '../config';
import { readJsonBody } from '../http/body';
import { refuse } from '../http/refuse';
import type { Pipeline } from '../core/pipeline';
import { emptySession } from '../core/session';
import { silentLogger } from '../logger';
import { startServer, type RunningServer } from '../server';
import { UNLIMITED_RATES } from './server-process';

/**
 * The servers a benchmark measures, in a process of their own: the load generator (autocannon) in
 * the parent then has its own core instead of sharing the server's event loop, and the host reports
 * its CPU time, so each run also yields the server's CPU cost per request.
 *
 * `http`: our server plus, on a second restify server, the references of `bench:http` (a bare
 * route returning constant JSON and an echo bot through CloudAdapter).
 * `alexa`: our server with verification off (a hello-world ask-sdk-core skill mounted on that same
 * server) and one with verification on, trusting the test certificate authority it is given.
 */
export type BenchHostKind = 'http' | 'alexa';

export interface BenchHostOptions {
  kind: BenchHostKind;
  /** alexa: the test CA's root and the chain its signing certificate is served as. */
  rootPem?: string;
  chainPem?: string;
}

export interface BenchHost {
  /** Base URLs by role: ours, ref (http); off, on (alexa). */
  urls: Record<string, string>;
  /** CPU time (user + system) the host process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

type HostMessage = { urls: Record<string, string> } | { cpu: number } | { error: string };

/** Forks this file as the host and resolves once its servers listen. */
export function startBenchHost(options: BenchHostOptions): Promise<BenchHost> {
  const child: ChildProcess = fork(__filename, [], {
    env: { ...process.env, BENCH_HOST_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: Array<(m: HostMessage) => void> = [];
  child.on('message', (m: HostMessage) => waiters.shift()?.(m));
  const next = () => new Promise<HostMessage>((resolve) => waiters.push(resolve));
  return new Promise<BenchHost>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench host exited (code ${code})`)));
    void next().then((m) => {
      if (!('urls' in m)) return reject(new Error('error' in m ? m.error : 'bench host failed'));
      resolve({
        urls: m.urls,
        cpuMicros: async () => {
          const reply = next();
          child.send('cpu');
          const r = await reply;
          return 'cpu' in r ? r.cpu : NaN;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

/** The references read bodies as our routes do (src/http/body.ts), never with restify's parser. */
function withJsonBody(
  handler: (req: restify.Request, res: restify.Response, value: unknown) => Promise<void>,
) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const body = await readJsonBody(req, { maxBytes: 256 * 1024, timeoutMs: 10_000 });
    if (!body.ok) return refuse(req, res, body.status, body.error);
    await handler(req, res, body.value);
  };
}

async function listen(server: restify.Server): Promise<string> {
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${server.address().port}`;
}

/** A bare restify route returning constant JSON, and a minimal echo bot through CloudAdapter. */
async function referenceServer(): Promise<{ url: string; server: restify.Server }> {
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = restify.createServer();
  server.post(
    '/echo',
    withJsonBody(async (req, res, value) => {
      req.body = value;
      await adapter.process(req, res, (context) => echo.run(context));
    }),
  );
  server.get('/bare', async (_req: restify.Request, res: restify.Response) => {
    res.json({ ok: true });
    await Promise.resolve();
  });
  return { url: await listen(server), server };
}

/**
 * The smallest ask-sdk-core skill: says "Hello world" to anything. With a pipeline and a count,
 * it first runs that many core turns (no state, nothing rendered) on the question's words: a
 * diagnostic of what the core costs inside a loaded server, and of how much less a second,
 * identical turn costs right after the first (the first runs on caches the socket work evicted).
 */
function mountHelloWorld(
  server: restify.Server,
  path: string,
  core?: { pipeline: Pipeline; turns: number },
): void {
  const skill = SkillBuilders.custom()
    .addRequestHandlers({
      canHandle: () => true,
      handle: (input) => input.responseBuilder.speak('Hello world').getResponse(),
    })
    .create();
  server.post(
    path,
    withJsonBody(async (_req, res, value) => {
      const envelope = value as RequestEnvelope;
      if (core) {
        const turn = turnFromRequest(envelope);
        for (let i = 0; i < core.turns; i++) core.pipeline.respond(turn, emptySession());
      }
      res.json(await skill.invoke(envelope));
    }),
  );
}

async function host(options: BenchHostOptions): Promise<() => Promise<void>> {
  const url = (s: RunningServer) => `http://127.0.0.1:${s.port}`;
  if (options.kind === 'http') {
    const ours = await startServer(readConfig({ PORT: '0', ...UNLIMITED_RATES }), silentLogger);
    const ref = await referenceServer();
    process.send?.({ urls: { ours: url(ours), ref: ref.url } });
    return async () => {
      await ours.close();
      await new Promise<void>((r) => {
        ref.server.close(() => r());
      });
    };
  }
  const { rootPem, chainPem } = options;
  if (!rootPem || !chainPem) throw new Error('alexa bench host needs rootPem and chainPem');
  const off = await startServer(
    readConfig({ PORT: '0', ALEXA_VERIFY_SIGNATURES: 'false', ...UNLIMITED_RATES }),
    silentLogger,
  );
  mountHelloWorld(off.server, '/bench/hello');
  const pipeline = createPipeline();
  mountHelloWorld(off.server, '/bench/hello-core-1', { pipeline, turns: 1 });
  mountHelloWorld(off.server, '/bench/hello-core-2', { pipeline, turns: 2 });
  const on = await startServer(readConfig({ PORT: '0', ...UNLIMITED_RATES }), silentLogger, {
    alexaVerify: { trustedRoots: [rootPem], fetchCertChain: () => Promise.resolve(chainPem) },
  });
  process.send?.({ urls: { off: url(off), on: url(on) } });
  return async () => {
    await Promise.all([off.close(), on.close()]);
  };
}

if (require.main === module) {
  const options = JSON.parse(process.env.BENCH_HOST_OPTIONS ?? '{}') as BenchHostOptions;
  host(options).then(
    (close) => {
      process.on('message', (m: unknown) => {
        if (m === 'cpu') {
          const { user, system } = process.cpuUsage();
          process.send?.({ cpu: user + system });
        } else if (m === 'stop') {
          void close().then(() => process.exit(0));
        }
      });
    },
    (err: unknown) => {
      process.send?.({ error: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    },
  );
}
