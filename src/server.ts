import restify from 'restify';
import { createPipeline } from './app';
import { createAdapter, DirectReplyAdapter } from './channels/botframework/adapter';
import { alexaHandler } from './channels/alexa/route';
import { createSkill } from './channels/alexa/skill';
import type { VerifyOptions } from './channels/alexa/verify';
import { NeckBot } from './channels/botframework/bot';
import { requireActivity } from './channels/botframework/validate';
import { webchatHandler } from './channels/webchat/route';
import { assetHandler, webchatAssets } from './channels/webchat/static';
import { readConfig, type Config } from './config';
import { DEFAULT_PATHS } from './content/load';
import { jsonLogger, type Logger } from './logger';
import { memoryConversations } from './state/defaults';

const MESSAGES_MAX_BODY_BYTES = 256 * 1024;
const ALEXA_MAX_BODY_BYTES = 128 * 1024;

export interface RunningServer {
  server: restify.Server;
  port: number;
  close(): Promise<void>;
}

/** Restify wiring only: every channel on one server. */
export interface ServerOverrides {
  /** Tests inject a test certificate authority and a certificate fetcher here. */
  alexaVerify?: Partial<VerifyOptions>;
}

export async function startServer(
  config: Config,
  log: Logger = jsonLogger(),
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  const pipeline = createPipeline(DEFAULT_PATHS, { savedRoutineTtlMs: config.savedRoutineTtlMs });
  const { service } = memoryConversations(pipeline, {
    savedRoutineTtlMs: config.savedRoutineTtlMs,
    maxEntries: 50_000,
  });
  const bot = new NeckBot(service);
  const adapter = createAdapter(config.botFramework, log);
  const direct = new DirectReplyAdapter(log);
  const assets = webchatAssets();
  const skill = createSkill(pipeline, service, log);

  const server = restify.createServer({ name: 'neck-massage-coach' });
  server.on(
    'restifyError',
    (
      req: restify.Request,
      res: restify.Response,
      err: Error & { statusCode?: number },
      cb: () => void,
    ) => {
      if ((err.statusCode ?? 500) >= 500)
        log.error({ err: err.message, route: req.path() }, 'request failed');
      cb();
    },
  );

  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ maxBodySize: MESSAGES_MAX_BODY_BYTES, mapParams: false }),
    requireActivity,
    async (req: restify.Request, res: restify.Response) => {
      await adapter.process(req, res, (context) => bot.run(context));
    },
  );
  server.post(
    '/api/webchat',
    restify.plugins.throttle({
      burst: config.webchat.burst,
      rate: config.webchat.ratePerSecond,
      ip: true,
    }),
    restify.plugins.bodyParser({ maxBodySize: config.webchat.maxBodyBytes, mapParams: false }),
    webchatHandler(direct, bot),
  );
  server.post(
    '/api/alexa',
    restify.plugins.bodyParser({ maxBodySize: ALEXA_MAX_BODY_BYTES, mapParams: false }),
    alexaHandler(skill, {
      verifySignatures: config.alexa.verifySignatures,
      ...(config.alexa.skillId ? { skillId: config.alexa.skillId } : {}),
      ...overrides.alexaVerify,
    }),
  );
  const serveAsset = assetHandler(assets);
  server.get('/', serveAsset);
  server.get('/webchat/*', serveAsset);
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json({ status: 'ok' });
    await Promise.resolve();
  });

  await new Promise<void>((resolve) => {
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (config.authEnabled) log.info({ port }, 'listening; Bot Framework authentication on');
  else
    log.warn(
      { port },
      'listening with Bot Framework authentication OFF (no MicrosoftAppId): local use only',
    );
  if (!config.alexa.verifySignatures) {
    log.warn(
      { port },
      'Alexa request signatures are NOT verified (ALEXA_VERIFY_SIGNATURES=false): local testing only',
    );
  }
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

if (require.main === module) {
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    process.stderr.write(
      `neck-massage-coach: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
  startServer(config).then(
    (running) => {
      // Stop accepting, let turns in flight finish, then exit cleanly.
      const stop = () => {
        void running.close().then(() => process.exit(0));
        setTimeout(() => process.exit(0), 10_000).unref();
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (err: unknown) => {
      process.stderr.write(
        `neck-massage-coach: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
