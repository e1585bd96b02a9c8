import type { Next, Request, Response } from 'restify';
import { sendError } from '../http-error';

/** The least an activity needs before the adapter sees it; the rest is Bot Framework's to check. */
function problemWith(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return 'body: expected an activity object';
  const { type, conversation } = body as { type?: unknown; conversation?: { id?: unknown } };
  if (typeof type !== 'string' || type.length === 0 || type.length > 64)
    return 'type: expected a short string';
  const id = conversation && typeof conversation === 'object' ? conversation.id : undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 512)
    return 'conversation.id: expected a string';
  return undefined;
}

/** Answers 415/400 with a short JSON error for anything that is not a JSON activity. */
export function requireActivity(req: Request, res: Response, next: Next): void {
  if (!req.is('application/json')) {
    sendError(res, 415, 'send a Bot Framework activity as JSON (Content-Type: application/json)');
    return next(false);
  }
  const problem = problemWith(req.body);
  if (problem) {
    sendError(res, 400, problem);
    return next(false);
  }
  return next();
}
