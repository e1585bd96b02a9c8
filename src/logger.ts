import pino, { type DestinationStream } from 'pino';

/**
 * The structured logger every part takes: one JSON line per event (pino). Never pass what a user
 * said or anything about their health; turn lines carry ids, kinds and numbers only.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(
  level: LogLevel = 'info',
  destination?: DestinationStream,
): Logger & { flush?: () => void } {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level as a word ("info"), so a person can grep the log and `neckbot report` can read it.
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const silentLogger: Logger = createLogger('silent');
