import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { createPipeline } from './app';
import { createAdapter, DirectReplyAdapter } from './channels/botframework/adapter';
import { alexaHandler } from './channels/alexa/route';
import { createSkill } from './channels/alexa/skill';
import { certChainFetcher, type VerifyOptions } from './channels/alexa/verify';
import { AUTH_ERRORS } from './channels/botframework/auth';
import { NeckBot } from './channels/botframework/bot';
import { messagesHandler } from './channels/botframework/route';
import { WEBCHAT_CHANNEL, webchatHandler } from './channels/webchat/route';
import { assetHandler, webchatAssets } from './channels/webchat/static';
import { readConfig, type Config } from './config';
import { DEFAULT_PATHS } from './content/load';
import { clientAddress, rateLimitKey } from './http/client-address';
import { RateLimiter } from './http/rate-limit';
import { EDGE_ERRORS } from './http/body';
import { hasParsableUrl } from './http/parsable-url';
import { refuse } from './http/refuse';
import { pagePolicy, securityHeaders } from './http/security-headers';
import { EDGE_REFUSAL_STATUSES, errorFields, jsonRoute, type JsonRouteOptions } from './http/route';
import { createLogger, type Logger } from './logger';
import { Metrics } from './ops/metrics';
import { routeConsoleTo } from './ops/console';
import { requestIdOf, withRequestIds } from './ops/request-context';
import { restifyLogger } from './ops/restify-log';
import { turnLogger } from './ops/turn-log';
import { conversationService, createStore, stateStoreKind } from './state/defaults';
import { LocalDeliveryLog, SharedDeliveryLog } from './state/delivery-log';
import type { StateStore } from './state/store';

const MESSAGES_MAX_BODY_BYTES = 256 * 1024;

/** What restify's own refusals say (never restify's message, which quotes the request). */
const REFUSALS: Readonly<Record<number, string>> = {
  400: 'bad request',
  404: 'not found',
  405: 'method not allowed',
  406: 'not acceptable',
  413: EDGE_ERRORS.tooLarge,
  415: EDGE_ERRORS.mediaType,
  429: EDGE_ERRORS.tooManyRequests,
};

/** The route a request matched, as declared ("/api/alexa"); never the path the client sent. */
function routeName(req: restify.Request): string {
  return routePath(req.getRoute());
}

function routePath(route: { path?: unknown } | undefined): string {
  return typeof route?.path === 'string' ? route.path : 'unmatched';
}
const ALEXA_MAX_BODY_BYTES = 128 * 1024;

export interface RunningServer {
  server: restify.Server;
  port: number;
  /** The port of /metrics when METRICS_PORT gave it one of its own. */
  metricsPort?: number;
  metrics: Metrics;
  /** Stop accepting, let requests in flight finish (up to the deadline), close the state store. */
  shutdown(deadlineMs?: number): Promise<void>;
  /** `shutdown` with a short deadline (tests). */
  close(): Promise<void>;
}

/** Restify wiring only: every channel on one server. */
export interface ServerOverrides {
  /** Tests inject a test certificate authority and a certificate fetcher here. */
  alexaVerify?: Partial<VerifyOptions>;
  /** Tests inject a state store (slow, failing) here; otherwise the config chooses. */
  store?: StateStore;
}

export async function startServer(
  config: Config,
  baseLog: Logger = createLogger(config.logLevel),
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  // Every line written while serving a request carries that request's id.
  const log = withRequestIds(baseLog);
  const pipeline = createPipeline(DEFAULT_PATHS, { savedRoutineTtlMs: config.savedRoutineTtlMs });
  const metrics = new Metrics();
  const stateSettings = { savedRoutineTtlMs: config.savedRoutineTtlMs, ...config.state };
  const store =
    overrides.store ??
    createStore(stateSettings, (operation) => metrics.recordStateError(operation));
  const logTurn = turnLogger(log, pipeline);
  const service = conversationService(pipeline, store, stateSettings, {
    onTurn: (record) => {
      metrics.recordTurn(record);
      logTurn(record);
    },
  });
  let stopping = false;
  // With Redis, a Teams retry that reaches another instance is still recognised as one.
  const bot = new NeckBot(
    service,
    config.state.redis || config.state.dynamodb
      ? new SharedDeliveryLog(store)
      : new LocalDeliveryLog(),
  );
  const apology = pipeline.content.prompts.error.text.trim();
  const adapter = createAdapter(config.botFramework, log, apology);
  const direct = new DirectReplyAdapter(log, apology);
  const assets = webchatAssets();
  const skill = createSkill(pipeline, service, log);

  // restify must not answer `Expect: 100-continue` itself: our body reader does, once the headers
  // passed, so a refused upload is never invited.
  // restify logs through ours (one schema on stdout; its objects, which hold the client's address,
  // are dropped); each request's restify lines carry its id.
  const restifyLog = restifyLogger(baseLog);
  const server = restify.createServer({
    name: 'neck-massage-coach',
    noWriteContinue: true,
    log: restifyLog as unknown as restify.ServerOptions['log'],
  });
  // restify proxies 'upgrade' to an event nobody handles, so a request with `Upgrade: websocket`
  // held its socket open forever (no HTTP timeout applies to an upgraded socket). Without a
  // listener, Node serves such a request as plain HTTP (Upgrade ignored, as RFC 9110 allows).
  server.server.removeAllListeners('upgrade');
  // Slow headers and slow requests on routes that read no body end well before Node's defaults.
  server.server.headersTimeout = 20_000;
  server.server.requestTimeout = Math.max(30_000, config.bodyTimeoutMs + 5_000);
  const headers = securityHeaders(config.frameAncestors);
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.once('finish', () => metrics.recordRequest(routeName(req), res.statusCode));
    const reqId = requestIdOf(req);
    req.log = restifyLog.child({ reqId }) as unknown as restify.Request['log'];
    res.setHeader('X-Request-Id', reqId);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (!hasParsableUrl(req)) {
      refuse(req, res, 400, REFUSALS[400] ?? 'bad request');
      next(false);
      return;
    }
    next();
  });
  server.on(
    'restifyError',
    (
      req: restify.Request,
      res: restify.Response,
      err: Error & { statusCode?: number; toJSON?: () => unknown },
      cb: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      if (status >= 500)
        log.error({ route: routeName(req), ...errorFields(err) }, 'request failed');
      // restify's own refusals (unknown route, wrong method) take the same shape as ours, with a
      // fixed message: restify's own would quote the path ("/../etc/passwd does not exist").
      const message =
        status >= 500 ? EDGE_ERRORS.internal : (REFUSALS[status] ?? 'request refused');
      err.toJSON = () => ({ error: message });
      cb();
    },
  );

  // Every POST route reads its body through our own reader (src/http/body.ts); restify's body
  // parser is never used (it inflates gzip without an error listener and writes uploads to disk).
  // Per-client rate limits run first, before the body is read and before authentication; the
  // client is the socket's peer, or with TRUST_PROXY the right-most untrusted X-Forwarded-For hop.
  const edge = (
    route: string,
    maxBytes: number,
    limit: { ratePerSecond: number; burst: number },
  ): JsonRouteOptions => ({
    route,
    body: { maxBytes, timeoutMs: config.bodyTimeoutMs },
    limiter: new RateLimiter(limit),
    clientKey: (req) => rateLimitKey(clientAddress(req, config.trustProxy)),
    log,
    onRefused: (name, status) => metrics.recordRefusal(name, status),
  });
  server.post(
    '/api/messages',
    jsonRoute(
      edge('messages', MESSAGES_MAX_BODY_BYTES, config.messages),
      messagesHandler(adapter, bot, log, (status) => metrics.recordRefusal('messages', status)),
    ),
  );
  server.post(
    '/api/webchat',
    jsonRoute(
      edge('webchat', config.webchat.maxBodyBytes, config.webchat),
      webchatHandler(direct, bot),
    ),
  );
  server.post(
    '/api/alexa',
    jsonRoute(
      edge('alexa', ALEXA_MAX_BODY_BYTES, config.alexa),
      alexaHandler(skill, {
        verifySignatures: config.alexa.verifySignatures,
        ...(config.alexa.skillId ? { skillId: config.alexa.skillId } : {}),
        ...overrides.alexaVerify,
        // This server's own certificate cache (failures remembered, fetches capped) in front of
        // HTTPS or the fetcher a test injects.
        fetchCertChain: certChainFetcher(overrides.alexaVerify?.fetchCertChain),
      }),
    ),
  );
  const serveAsset = assetHandler(assets, pagePolicy(config.frameAncestors));
  server.get('/', serveAsset);
  server.get('/webchat/*', serveAsset);
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json({ status: 'ok' });
    await Promise.resolve();
  });
  // Content is loaded and validated before the server listens, so readiness is the state store.
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const stateOk = !stopping && (await store.ready());
    res.json(stateOk ? 200 : 503, {
      status: stateOk ? 'ready' : 'not ready',
      checks: { content: 'ok', state: stateOk ? 'ok' : stopping ? 'shutting down' : 'unreachable' },
    });
  });
  // /metrics: on the main port by default (local use), on a port of its own with METRICS_PORT
  // (so only the scraper's network reaches it), or nowhere with METRICS_PORT=off.
  const serveMetrics = async (res: ServerResponse) => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
    res.end(body);
  };
  if (config.metrics.port === 'main') {
    server.get('/metrics', async (_req: restify.Request, res: restify.Response) => {
      await serveMetrics(res);
    });
  }
  metrics.zero({
    // The channel ids of Teams, the web chat page and Alexa (other Bot Framework channels appear
    // when they first send a turn).
    channels: ['msteams', WEBCHAT_CHANNEL, 'alexa'],
    safety: pipeline.content.safetyResponses.map(({ id }) => ({
      // As the safety router names them (src/core/safety.ts).
      kind: id === 'emergency' ? 'emergency' : 'precaution',
      id,
    })),
    refusals: [
      {
        route: 'messages',
        statuses: [...EDGE_REFUSAL_STATUSES, ...Object.keys(AUTH_ERRORS).map(Number)],
      },
      { route: 'webchat', statuses: EDGE_REFUSAL_STATUSES },
      { route: 'alexa', statuses: EDGE_REFUSAL_STATUSES },
    ],
    httpRoutes: [...Object.values(server.router.getRoutes()).map(routePath), 'unmatched'],
  });
  const metricsServer =
    typeof config.metrics.port === 'number'
      ? await listenMetrics(config.metrics.port, config.host, serveMetrics, log)
      : undefined;

  await new Promise<void>((resolve) => {
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, state: stateStoreKind(config.state) }, 'state store');
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
  let shutdownPromise: Promise<void> | undefined;
  const shutdown = (deadlineMs = config.shutdownDeadlineMs) => {
    stopping = true;
    shutdownPromise ??= (async () => {
      metricsServer?.close();
      metricsServer?.closeAllConnections();
      const drained = await drain(server, deadlineMs);
      if (!drained) log.warn({ deadlineMs }, 'shutdown deadline reached; closing open connections');
      // Turns whose connection was cut at the deadline get a moment to end before the store closes.
      await Promise.race([service.idle(), delay(drained ? 0 : 1_000)]);
      await store.close();
      log.info({ drained }, 'shutdown complete');
    })();
    return shutdownPromise;
  };
  const metricsPort = metricsServer ? (metricsServer.address() as AddressInfo).port : undefined;
  if (metricsPort !== undefined) log.info({ port, metricsPort }, 'metrics on a port of their own');
  return { server, port, metricsPort, metrics, shutdown, close: () => shutdown(2_000) };
}

/** A plain HTTP server answering GET /metrics and nothing else. */
async function listenMetrics(
  port: number,
  host: string,
  serve: (res: ServerResponse) => Promise<void>,
  log: Logger,
): Promise<http.Server> {
  const metricsServer = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      refuse(req, res, 404, 'not found');
      return;
    }
    serve(res).catch((err: unknown) => {
      log.error(errorFields(err), 'metrics failed');
      refuse(req, res, 500, EDGE_ERRORS.internal);
    });
  });
  await new Promise<void>((resolve, reject) => {
    metricsServer.once('error', reject);
    metricsServer.listen(port, host, () => resolve());
  });
  return metricsServer;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Stops accepting connections and waits for requests in flight to finish. Idle keep-alive
 * connections are closed as they become idle; at the deadline, whatever is left is cut.
 */
function drain(server: restify.Server, deadlineMs: number): Promise<boolean> {
  const http = server.server;
  return new Promise<boolean>((resolve) => {
    let done = false;
    const finish = (drained: boolean) => {
      if (done) return;
      done = true;
      clearInterval(sweep);
      clearTimeout(deadline);
      if (!drained) http.closeAllConnections();
      resolve(drained);
    };
    http.close(() => finish(true));
    const sweep = setInterval(() => http.closeIdleConnections(), 25);
    const deadline = setTimeout(() => finish(false), deadlineMs);
    http.closeIdleConnections();
  });
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
  const log = createLogger(config.logLevel);
  routeConsoleTo(withRequestIds(log));
  startServer(config, log).then(
    (running) => {
      // Stop accepting, let turns in flight finish (up to the deadline), close the store, exit 0.
      const stop = () => {
        void running.shutdown().then(() => process.exit(0));
        // Never hang on the way out, whatever a dependency does.
        setTimeout(() => process.exit(0), config.shutdownDeadlineMs + 5_000).unref();
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
