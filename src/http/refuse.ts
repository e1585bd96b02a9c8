import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How long a refused request's unread body is still read (and thrown away) before the connection is
 * cut. Closing at once while the client is still sending makes the kernel answer with a reset, which
 * can reach the client before it has read our answer; reading on for a moment (a "lingering close",
 * as nginx and Apache do) lets the answer arrive. A body that ends in time leaves the connection
 * reusable.
 */
export const LINGER_MS = 2_000;

/**
 * Every refusal at our HTTP edge: a status and `{"error": "<fixed message>"}`, nothing else. Safe
 * to call whatever state the request is in: a body not (fully) read is drained for `LINGER_MS`, then
 * the connection is closed; a response already started is left alone, its connection cut.
 */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.writableEnded) {
    req.socket.destroy();
    return;
  }
  const body = JSON.stringify({ error });
  const unread = !req.complete;
  res.writeHead(status, {
    ...headers,
    // With the body still arriving, Node would close the socket as soon as the answer is written
    // (when the client sent Connection: close), and the client, still sending, gets a reset that can
    // swallow our answer. Kept open, the rest is drained and the connection closed by the linger.
    ...(unread ? { Connection: 'keep-alive' } : {}),
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
  if (unread) lingerThenClose(req);
}

/** Reads and discards what is left of the body; cuts the connection if it has not ended in time. */
export function lingerThenClose(req: IncomingMessage, lingerMs = LINGER_MS): void {
  if (req.complete || req.destroyed) return;
  const socket = req.socket;
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  // A kept-alive socket serves many requests: leave no listener behind on it.
  const done = () => {
    clearTimeout(timer);
    req.removeListener('end', done);
    socket.removeListener('close', done);
  };
  req.once('end', done);
  socket.once('close', done);
  req.resume();
}
