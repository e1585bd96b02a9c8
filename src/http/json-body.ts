import type { Next, Request, Response } from 'restify';

/**
 * The one body reader of every POST route, in place of restify's bodyParser, which inflates gzip
 * without an error listener (one bad request ended the process), counts its limit on compressed
 * bytes (gzip bombs) and writes multipart uploads to the temp directory. This reader accepts only
 * `application/json` in UTF-8 with no content encoding, refuses everything else before reading,
 * counts bytes as they arrive, never touches the disk, and parses once. Written by hand because the
 * maintained readers (raw-body, body-parser) decompress by default and are built for express.
 */
export interface JsonBodyOptions {
  maxBytes: number;
  /** A body that has not arrived whole by then gets 408 (slow-body attacks). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export type RequestWithBody = Request & { rawBody?: Buffer };

export function jsonBody({ maxBytes, timeoutMs = DEFAULT_TIMEOUT_MS }: JsonBodyOptions) {
  return function readJsonBody(req: Request, res: Response, next: Next): void {
    const refuse = (status: number, error: string) => {
      // The rest of the body is not read: close the connection instead of leaving it half-read.
      res.setHeader('Connection', 'close');
      res.json(status, { error });
      next(false);
      req.resume();
    };
    const encoding = String(req.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding !== 'identity' && encoding !== '')
      return refuse(415, 'unsupported content encoding');
    if (!isJsonUtf8(req.headers['content-type'])) {
      return refuse(415, 'content type must be application/json');
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(413, 'body too large');

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish(() => refuse(413, 'body too large'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => {
        const raw = Buffer.concat(chunks, size);
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          res.json(400, { error: 'invalid JSON' });
          next(false);
          return;
        }
        (req as RequestWithBody).rawBody = raw;
        req.body = body;
        next();
      });
    const onError = () => finish(() => next(false));
    const timer = setTimeout(() => {
      finish(() => {
        refuse(408, 'request body timed out');
        req.destroy();
      });
    }, timeoutMs);
    timer.unref();
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}

function isJsonUtf8(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}
