import { format } from 'node:util';
import type { Logger } from '../logger';

/**
 * Dependencies write to the console now and then (botbuilder's token checks `console.error` a
 * whole error; it warns on a bad activity). In the server process those calls become one line of
 * our log, with the request id when inside a request: the first line of what they said, capped,
 * so a stack trace never spreads over many lines and stdout keeps one schema. Only the server's
 * entry point calls this; tests and tools keep the real console.
 */
const MAX_MESSAGE = 200;

export function routeConsoleTo(log: Logger): void {
  const line = (args: unknown[]) => (format(...args).split('\n')[0] ?? '').slice(0, MAX_MESSAGE);
  console.log = (...args: unknown[]) => log.info({ source: 'console' }, line(args));
  console.info = (...args: unknown[]) => log.info({ source: 'console' }, line(args));
  console.warn = (...args: unknown[]) => log.warn({ source: 'console' }, line(args));
  // Node prints its process warnings (deprecations, listener leaks) with console.error.
  console.error = (...args: unknown[]) => {
    const text = line(args);
    if (/^\(node:\d+\) /.test(text)) log.warn({ source: 'node' }, text);
    else log.error({ source: 'console' }, text);
  };
}
