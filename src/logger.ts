/** A minimal structured logger: one JSON line per event. Never pass what a user said. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function jsonLogger(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Logger {
  const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
