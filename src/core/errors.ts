/** One catalogue of error codes, so callers and logs can rely on stable identifiers. */
export const ERROR_CODES = {
  CONTENT_UNREADABLE: 'content file could not be read or parsed',
  CONTENT_INVALID: 'content entry does not match its schema',
  CONTENT_INCONSISTENT: 'content cross-check failed',
  MODEL_STALE: 'the NLU build artifact is missing or does not match the content',
  INPUT_INVALID: 'input is not valid',
  STATE_UNAVAILABLE: 'state store is unavailable',
  STATE_CONFLICT: 'state was changed by another turn',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class NeckbotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where?: { file?: string; entry?: string },
  ) {
    super(NeckbotError.format(code, message, where));
    this.name = 'NeckbotError';
  }

  private static format(
    code: ErrorCode,
    message: string,
    where?: { file?: string; entry?: string },
  ) {
    const place = [where?.file, where?.entry ? `entry "${where.entry}"` : undefined]
      .filter(Boolean)
      .join(', ');
    return `${code}: ${place ? `${place}: ` : ''}${message}`;
  }
}
