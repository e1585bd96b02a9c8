import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The one body reader every POST route uses. It accepts only `application/json` (charset utf-8 or
 * none) sent without any content or transfer coding it would have to undo, counts bytes as they
 * arrive and stops at the limit, keeps the body in memory only (never on disk), and parses it once.
 * It never answers the request itself: the route sends the refusal (see `refuse` in ./refuse).
 */

export interface BodyLimits {
  /** Bytes; a longer body (declared or as it arrives) is refused with 413. */
  maxBytes: number;
  /** The whole body must arrive within this many milliseconds of the reader starting (408). */
  timeoutMs: number;
  /** Deepest nesting of arrays and objects accepted (400 above); default 64. */
  maxDepth?: number;
}

export interface JsonBody {
  /** The bytes exactly as received (the Alexa signature covers these). */
  raw: Buffer;
  value: unknown;
}

export type BodyStatus = 400 | 408 | 413 | 415;

export type BodyResult =
  | ({ ok: true } & JsonBody)
  | {
      ok: false;
      status: BodyStatus;
      error: string;
      /** The client went away (or the connection failed) before the body ended: nothing to answer. */
      aborted?: boolean;
    };

/** Every refusal message at the edge, fixed: never what the parser or a dependency said. */
export const EDGE_ERRORS = {
  mediaType: 'unsupported media type',
  tooLarge: 'request body too large',
  timeout: 'request body timeout',
  invalidJson: 'body is not valid JSON',
  tooDeep: 'body is nested too deeply',
  tooManyRequests: 'too many requests',
  internal: 'something went wrong on our side',
} as const;

const DEFAULT_MAX_DEPTH = 64;

/** `application/json`, with no charset or charset utf-8; nothing else (no `text/*`, no multipart). */
export function isJsonUtf8(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [type, ...params] = contentType.split(';');
  if (type?.trim().toLowerCase() !== 'application/json') return false;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return false;
  }
  return true;
}

/** No content coding at all: the header absent, empty, or only `identity`. */
export function isIdentityEncoding(contentEncoding: string | undefined): boolean {
  if (contentEncoding === undefined) return true;
  return contentEncoding
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .every((token) => token === '' || token === 'identity');
}

/** Node undoes `chunked` itself; any other transfer coding (gzip, deflate...) is refused. */
function isPlainTransfer(transferEncoding: string | undefined): boolean {
  if (transferEncoding === undefined) return true;
  return transferEncoding
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .every((token) => token === 'chunked');
}

/**
 * What can be decided from the headers alone, before a byte of the body is read: the media type,
 * the codings, and a declared length over the limit. Undefined when reading may start.
 */
export function checkBodyHeaders(
  req: IncomingMessage,
  maxBytes: number,
): { status: 413 | 415; error: string } | undefined {
  const headers = req.headers;
  if (
    !isJsonUtf8(headers['content-type']) ||
    !isIdentityEncoding(headers['content-encoding']) ||
    !isPlainTransfer(headers['transfer-encoding'])
  ) {
    return { status: 415, error: EDGE_ERRORS.mediaType };
  }
  const declared = headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    return { status: 413, error: EDGE_ERRORS.tooLarge };
  }
  return undefined;
}

/**
 * Reads and parses a JSON body within the limits; resolves (never rejects) with the outcome. With
 * `res`, a client that asked `Expect: 100-continue` is told to send its body only once the headers
 * passed (the server must not answer 100 by itself: restify's `noWriteContinue`).
 */
export function readJsonBody(
  req: IncomingMessage,
  limits: BodyLimits,
  res?: ServerResponse,
): Promise<BodyResult> {
  const refused = checkBodyHeaders(req, limits.maxBytes);
  if (refused) return Promise.resolve({ ok: false, ...refused });
  if (res && req.headers.expect?.trim().toLowerCase() === '100-continue') res.writeContinue();
  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('close', onClose);
      // Stop pulling bytes off the wire; the refusal decides what happens to the rest.
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) {
        chunks.length = 0;
        finish({ ok: false, status: 413, error: EDGE_ERRORS.tooLarge });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(parseJson(Buffer.concat(chunks, received), limits.maxDepth));
    const gone = { ok: false, status: 400, error: EDGE_ERRORS.invalidJson, aborted: true } as const;
    const onError = () => finish(gone);
    const onClose = () => {
      if (!req.complete) finish(gone);
    };
    const timer = setTimeout(
      () => finish({ ok: false, status: 408, error: EDGE_ERRORS.timeout }),
      limits.timeoutMs,
    );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 (a leading BOM is dropped), nesting within `maxDepth`, then JSON.parse exactly once. */
export function parseJson(raw: Buffer, maxDepth = DEFAULT_MAX_DEPTH): BodyResult {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, status: 400, error: EDGE_ERRORS.invalidJson };
  }
  if (nestingDepth(text) > maxDepth) return { ok: false, status: 400, error: EDGE_ERRORS.tooDeep };
  try {
    return { ok: true, raw, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, error: EDGE_ERRORS.invalidJson };
  }
}

/**
 * The deepest nesting of `[` and `{` outside strings, without parsing: whatever walks the parsed
 * value later (validation, cloning, logging) never meets a structure deep enough to overflow a
 * stack. Malformed text is left for JSON.parse to refuse.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
