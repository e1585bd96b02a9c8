import { connect } from 'node:net';

/**
 * One HTTP/1.1 exchange written byte for byte on a raw socket to 127.0.0.1: for what fetch will not
 * send (conflicting Content-Length and Transfer-Encoding, bare LF, slow bodies, malformed chunks).
 * The parts are written in order, `{ delayMs }` pauses between them; whatever the server answers
 * first is read back. Never rejects: a connection that fails or closes without a response resolves
 * with status 0.
 */
export type RawPart = string | Buffer | { delayMs: number };

export interface RawResponse {
  /** 0 when no complete status line arrived. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Interim 1xx responses seen before the final one (e.g. 100 Continue). */
  interim: number[];
  /** The server closed the connection (after or instead of answering). */
  closed: boolean;
  /** Milliseconds from connecting to the final response (or to giving up). */
  ms: number;
  /** With `waitForClose`: milliseconds from connecting until the server closed the connection. */
  closedMs?: number;
  error?: string;
}

export interface RawOptions {
  /** Give up (status 0, or the response without `closedMs`) after this long; default 5 s. */
  timeoutMs?: number;
  /** Keep the connection after the response, until the server closes it (or the timeout). */
  waitForClose?: boolean;
}

export function rawRequest(
  port: number,
  parts: readonly RawPart[],
  options: RawOptions = {},
): Promise<RawResponse> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    let buffer = Buffer.alloc(0);
    let done = false;
    let answered: RawResponse | undefined;
    const interim: number[] = [];
    const settle = (response: RawResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(response);
    };
    const finish = (response: Omit<RawResponse, 'ms' | 'interim'>) => {
      if (answered) return;
      answered = { ...response, interim, ms: Date.now() - started };
      if (!options.waitForClose || response.closed) settle(answered);
    };
    const timer = setTimeout(() => {
      finish({ status: 0, headers: {}, body: '', closed: false, error: 'timeout' });
      if (answered) settle(answered);
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseResponse(buffer);
        if (!parsed) return;
        if (parsed.status >= 100 && parsed.status < 200) {
          interim.push(parsed.status);
          buffer = buffer.subarray(parsed.length);
          continue;
        }
        finish({ ...parsed, closed: false });
        return;
      }
    });
    socket.on('close', () => {
      if (answered) {
        settle({ ...answered, closed: true, closedMs: Date.now() - started });
        return;
      }
      const parsed = parseResponse(buffer, true);
      finish(
        parsed
          ? { ...parsed, closed: true }
          : { status: 0, headers: {}, body: buffer.toString('latin1'), closed: true },
      );
    });
    socket.on('error', () => undefined); // 'close' follows
    socket.on('connect', () => {
      void (async () => {
        for (const part of parts) {
          if (done || answered || socket.destroyed) return;
          if (typeof part === 'object' && !Buffer.isBuffer(part)) {
            await new Promise((r) => setTimeout(r, part.delayMs));
            continue;
          }
          socket.write(part);
        }
      })();
    });
  });
}

interface Parsed {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Bytes of the buffer this response took. */
  length: number;
}

/** The first complete response in `buffer`, or undefined; `ended` accepts a body cut by close. */
function parseResponse(buffer: Buffer, ended = false): Parsed | undefined {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const start = headEnd + 4;
  if (status < 200 || status === 204 || status === 304) {
    return { status, headers, body: '', length: start };
  }
  if (headers['content-length'] !== undefined) {
    const end = start + Number(headers['content-length']);
    if (buffer.length < end && !ended) return undefined;
    return { status, headers, body: buffer.subarray(start, end).toString('utf8'), length: end };
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const chunks: Buffer[] = [];
    let at = start;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return ended ? { status, headers, body: '', length: at } : undefined;
      const size = parseInt(buffer.subarray(at, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) return { status, headers, body: '', length: at };
      if (size === 0) {
        const body = Buffer.concat(chunks).toString('utf8');
        return { status, headers, body, length: lineEnd + 4 };
      }
      if (buffer.length < lineEnd + 2 + size + 2) {
        return ended ? { status, headers, body: '', length: at } : undefined;
      }
      chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  // No length: the body runs until the connection closes.
  if (!ended) return undefined;
  return { status, headers, body: buffer.subarray(start).toString('utf8'), length: buffer.length };
}
