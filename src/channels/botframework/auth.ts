/**
 * Bot Framework authentication at our edge. botbuilder's CloudAdapter.process answers every error
 * it meets while checking a token with `console.error(err)` (a multi-line stack) and a 500 whose
 * body is the error's message ("request to https://login.botframework.com/… failed, reason:
 * getaddrinfo ENOTFOUND …"); only an AuthenticationError becomes a 401. So we call its
 * authentication ourselves (EdgeCloudAdapter) and decide the answer here:
 *
 * - a token that cannot be valid (absent, not a JWT, an algorithm botbuilder never accepts, expired,
 *   for another bot) is a 401 without asking botbuilder, so no OpenID metadata is ever fetched for it;
 * - what botbuilder rejects is a 401; when it could not fetch the OpenID metadata (or took too long)
 *   it is a 503, and for a while after such a failure every token of that kind gets the 503 at once
 *   instead of another outbound fetch; until metadata has been fetched once, one check runs at a time.
 *
 * The caller logs one line per failure with `reason`; nothing here ever holds on to a token.
 */

/** From botframework-connector (lib/auth/authenticationConstants.js); a test checks they match. */
export const ALLOWED_SIGNING_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512'];
export const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';
/** jsonwebtoken's clockTolerance in botbuilder's channel and emulator validation parameters. */
const CLOCK_TOLERANCE_S = 5 * 60;
const MAX_AUTH_HEADER = 8 * 1024;

export type AuthReason =
  | 'token_missing'
  | 'token_malformed'
  | 'token_algorithm'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_audience'
  | 'token_rejected'
  | 'auth_error'
  | 'metadata_unavailable'
  | 'metadata_timeout'
  | 'metadata_unavailable_cached';

export interface AuthFailure {
  status: 401 | 503;
  reason: AuthReason;
  /** The class of the error botbuilder threw, when it threw one (never its message). */
  errorName?: string;
}

export type AuthOutcome<T> = { ok: true; value: T } | ({ ok: false } & AuthFailure);

export const AUTH_ERRORS = {
  401: 'unauthorized',
  503: 'authentication service unavailable',
} as const;

/** What the token says about itself, once it passed the checks that need no network. */
export interface TokenShape {
  issuer: string;
}

/**
 * The checks a token must pass before botbuilder sees it; all are ones botbuilder would make
 * after fetching signing keys, so no valid token is ever refused here.
 */
export function precheckToken(
  authHeader: string | undefined,
  appId: string,
  nowMs: number,
): TokenShape | AuthFailure {
  const header = (authHeader ?? '').trim();
  if (header === '') return unauthorized('token_missing');
  if (header.length > MAX_AUTH_HEADER) return unauthorized('token_malformed');
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(header);
  if (!match) return unauthorized('token_malformed');
  const head = decodeSegment(match[1] ?? '');
  const claims = decodeSegment(match[2] ?? '');
  if (!head || !claims) return unauthorized('token_malformed');
  if (typeof head.alg !== 'string' || !ALLOWED_SIGNING_ALGORITHMS.includes(head.alg))
    return unauthorized('token_algorithm');
  if (match[3] === '' || typeof head.kid !== 'string' || head.kid === '')
    return unauthorized('token_malformed');
  const { iss, aud, exp, nbf } = claims;
  if (typeof iss !== 'string' || iss === '') return unauthorized('token_malformed');
  const now = nowMs / 1000;
  if (exp !== undefined && (typeof exp !== 'number' || now > exp + CLOCK_TOLERANCE_S))
    return unauthorized('token_expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || now < nbf - CLOCK_TOLERANCE_S))
    return unauthorized('token_not_yet_valid');
  // A token the Bot Framework service issued is for one bot: its audience is that bot's app id.
  if (iss === CHANNEL_TOKEN_ISSUER && aud !== appId) return unauthorized('token_audience');
  return { issuer: iss };
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function unauthorized(reason: AuthReason, errorName?: string): AuthFailure {
  return { status: 401, reason, ...(errorName ? { errorName } : {}) };
}

function unavailable(reason: AuthReason, errorName?: string): AuthFailure {
  return { status: 503, reason, ...(errorName ? { errorName } : {}) };
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * What an error from botbuilder's authenticateRequest means (read from botframework-connector
 * 4.23: ParameterizedBotFrameworkAuthentication, JwtTokenExtractor, OpenIdMetadata):
 * - AuthenticationError (it carries `statusCode`) 401: the token was refused;
 * - AuthenticationError 500 ("Failed to load openID config / Keys"): the metadata answered badly;
 * - node-fetch's FetchError or a socket error code: the metadata could not be fetched at all;
 * - jsonwebtoken's errors (bad signature, expired): the token was refused.
 */
export function classifyAuthError(err: unknown): AuthFailure {
  const name = err instanceof Error ? err.name.slice(0, 64) : typeof err;
  const { statusCode, code } = (err ?? {}) as { statusCode?: unknown; code?: unknown };
  if (name === 'FetchError' || (typeof code === 'string' && NETWORK_CODES.has(code)))
    return unavailable('metadata_unavailable', name);
  if (typeof statusCode === 'number')
    return statusCode >= 500
      ? unavailable('metadata_unavailable', name)
      : unauthorized('token_rejected', name);
  if (TOKEN_ERRORS.has(name)) return unauthorized('token_rejected', name);
  return unauthorized('auth_error', name);
}

export interface AuthGateOptions {
  /** After a metadata failure, how long tokens of that kind get 503 without a new fetch. */
  retryAfterMs?: number;
  /** An authentication taking longer than this is a metadata failure (botbuilder has no timeout). */
  timeoutMs?: number;
  now?: () => number;
}

interface KindState {
  /** Metadata for this kind of token was fetched (an authentication succeeded since the last failure). */
  loaded: boolean;
  downUntil: number;
  /** The one check in flight while metadata is not loaded. */
  probe?: Promise<void>;
}

/**
 * Runs botbuilder's token checks with a short memory of metadata failures, per kind of token (the
 * Bot Framework service's tokens and the rest, emulator and skill tokens, come with different
 * metadata URLs).
 */
export class AuthGate {
  private readonly kinds = new Map<string, KindState>();
  private readonly retryAfterMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: AuthGateOptions = {}) {
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  static kindOf(token: TokenShape): string {
    return token.issuer === CHANNEL_TOKEN_ISSUER ? 'channel' : 'other';
  }

  async authenticate<T>(kind: string, attempt: () => Promise<T>): Promise<AuthOutcome<T>> {
    let state = this.kinds.get(kind);
    if (!state) this.kinds.set(kind, (state = { loaded: false, downUntil: 0 }));
    // Until metadata is known to load, checks run one at a time: a burst of requests during an
    // outage costs one fetch, not one each. Bounded: a check ends within timeoutMs.
    for (let round = 0; round < 3 && !state.loaded && state.probe; round++) await state.probe;
    if (this.now() < state.downUntil)
      return { ok: false, ...unavailable('metadata_unavailable_cached') };
    let isProbe = false;
    let release: () => void = () => undefined;
    if (!state.loaded && !state.probe) {
      isProbe = true;
      state.probe = new Promise<void>((resolve) => (release = resolve));
    }
    try {
      const value = await this.withTimeout(attempt());
      state.loaded = true;
      return { ok: true, value };
    } catch (err) {
      const failure =
        err instanceof AuthTimeout ? unavailable('metadata_timeout') : classifyAuthError(err);
      if (failure.status === 503) {
        state.loaded = false;
        state.downUntil = this.now() + this.retryAfterMs;
      }
      return { ok: false, ...failure };
    } finally {
      if (isProbe) {
        state.probe = undefined;
        release();
      }
    }
  }

  private withTimeout<T>(pending: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AuthTimeout()), this.timeoutMs);
      timer.unref();
    });
    // The abandoned check may still fail later: that must not be an unhandled rejection.
    pending.catch(() => undefined);
    return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
  }
}

class AuthTimeout extends Error {
  override name = 'AuthTimeout';
}
