import { NeckbotError } from '../core/errors';

/** The state store could not be reached (connection down, timeout). Turns degrade; they don't fail. */
export class StateUnavailableError extends NeckbotError {
  constructor(operation: string, cause?: unknown) {
    super(
      'STATE_UNAVAILABLE',
      `${operation}: ${cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'unreachable'}`,
    );
    this.name = 'StateUnavailableError';
  }
}

export function isStateUnavailable(err: unknown): err is StateUnavailableError {
  return err instanceof StateUnavailableError;
}
