import type { Logger } from '../logger';

/**
 * What restify expects of its `log` option (a pino/bunyan logger), written to our logger instead,
 * so stdout has one schema. restify logs little of its own (a discarded async return value, a
 * formatter failure); its trace and debug lines are dropped, and the objects it passes are never
 * written: they can hold the request (with the client's address) or an error with its stack. Only
 * the message, the component and the fields given to `child` (the request id) remain.
 */
type LogMethod = (...args: unknown[]) => boolean | undefined;

export interface RestifyLog {
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
  child(fields: Record<string, unknown>): RestifyLog;
}

const MAX_MESSAGE = 200;

export function restifyLogger(log: Logger, fields: Record<string, unknown> = {}): RestifyLog {
  const ignored: LogMethod = () => false;
  const to =
    (write: Logger['info']): LogMethod =>
    (...args) => {
      // No arguments is bunyan's "is this level enabled?".
      if (args.length === 0) return true;
      const message = args.find((a): a is string => typeof a === 'string') ?? 'restify';
      write({ ...fields, component: 'restify' }, message.slice(0, MAX_MESSAGE));
      return undefined;
    };
  return {
    trace: ignored,
    debug: ignored,
    info: to((f, m) => log.info(f, m)),
    warn: to((f, m) => log.warn(f, m)),
    error: to((f, m) => log.error(f, m)),
    fatal: to((f, m) => log.error(f, m)),
    child: (more) => restifyLogger(log, { ...fields, ...pickIds(more) }),
  };
}

/** Only a request id may come through `child` (restify plugins pass addresses there). */
function pickIds(fields: Record<string, unknown>): Record<string, unknown> {
  return typeof fields.reqId === 'string' ? { reqId: fields.reqId } : {};
}
