import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { inRequest } from '../ops/request-context';
import { EDGE_ERRORS, readJsonBody, type BodyLimits, type JsonBody } from './body';
import { refuse } from './refuse';
import type { RateLimiter } from './rate-limit';

/** Every status `jsonRoute` itself refuses with (see `onRefused`). */
export const EDGE_REFUSAL_STATUSES: readonly number[] = [400, 408, 413, 415, 429, 500];

export interface JsonRouteOptions {
  /** The route's name in logs and metrics. */
  route: string;
  body: BodyLimits;
  /** Runs before anything else (before the body is read and before authentication). */
  limiter?: RateLimiter;
  /** The rate-limit key of a request (see client-address.ts). */
  clientKey: (req: IncomingMessage) => string;
  log: Logger;
  /** Every refusal the edge itself sends (429, 408, 413, 415, 400 for bad JSON, 500). */
  onRefused?: (route: string, status: number) => void;
}

export type JsonHandler<Req, Res> = (req: Req, res: Res, body: JsonBody) => Promise<void>;

/**
 * A POST route at our edge, in this order: per-client rate limit, the body (our reader: JSON only,
 * bounded, in memory, parsed once), then the route's own handler. Whatever throws, the client gets
 * the one generic 500 body and the log one line with the error's class and first line (never its
 * stack). Everything runs with the request's id in the log context.
 */
export function jsonRoute<Req extends IncomingMessage, Res extends ServerResponse>(
  options: JsonRouteOptions,
  handle: JsonHandler<Req, Res>,
): (req: Req, res: Res) => Promise<void> {
  const { route, log } = options;
  const refused = (req: Req, res: Res, status: number, error: string, headers = {}) => {
    options.onRefused?.(route, status);
    refuse(req, res, status, error, headers);
  };
  // A real async function with two parameters: restify checks both.
  return async (req, res) =>
    inRequest(req, async () => {
      try {
        if (options.limiter && !options.limiter.take(options.clientKey(req))) {
          return refused(req, res, 429, EDGE_ERRORS.tooManyRequests, { 'Retry-After': '1' });
        }
        const body = await readJsonBody(req, options.body, res);
        if (!body.ok) {
          if (body.aborted) return void req.socket.destroy();
          return refused(req, res, body.status, body.error);
        }
        await handle(req, res, body);
      } catch (err) {
        log.error({ route, ...errorFields(err) }, 'request failed');
        refused(req, res, 500, EDGE_ERRORS.internal);
      }
    });
}

/** An error as one log line's fields: its class and first line, never its stack. */
export function errorFields(err: unknown): { err: string; message?: string } {
  if (!(err instanceof Error)) return { err: typeof err };
  return { err: err.name.slice(0, 64), message: (err.message.split('\n')[0] ?? '').slice(0, 200) };
}
