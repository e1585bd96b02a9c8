import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger';

/**
 * The request id every log line written while serving a request carries (`reqId`), whoever writes
 * it: the edge, the adapter, the turn log. Ids are ours (random), never taken from the client.
 */
interface RequestContext {
  reqId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const ids = new WeakMap<IncomingMessage, string>();

/** Gives the request its id (once) and returns it. */
export function requestIdOf(req: IncomingMessage): string {
  let id = ids.get(req);
  if (id === undefined) ids.set(req, (id = randomUUID()));
  return id;
}

/** Runs `fn` (and everything it awaits) as part of serving `req`. */
export function inRequest<T>(req: IncomingMessage, fn: () => T): T {
  return storage.run({ reqId: requestIdOf(req) }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.reqId;
}

/** The logger with `reqId` added to every line written inside a request. */
export function withRequestIds(log: Logger): Logger {
  const add = (fields: Record<string, unknown>) => {
    const reqId = currentRequestId();
    return reqId === undefined ? fields : { reqId, ...fields };
  };
  return {
    info: (fields, message) => log.info(add(fields), message),
    warn: (fields, message) => log.warn(add(fields), message),
    error: (fields, message) => log.error(add(fields), message),
  };
}
