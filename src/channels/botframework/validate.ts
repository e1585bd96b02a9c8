import type { Next, Request, Response } from 'restify';
import { z } from 'zod';

/** The least an activity needs before the adapter sees it; the rest is Bot Framework's to check. */
const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    conversation: z.object({ id: z.string().min(1).max(512) }).passthrough(),
  })
  .passthrough();

/** Answers 415/400 with a short JSON error for anything that is not a JSON activity. */
export function requireActivity(req: Request, res: Response, next: Next): void {
  if (!req.is('application/json')) {
    res.status(415);
    res.json({ error: 'send a Bot Framework activity as JSON (Content-Type: application/json)' });
    return next(false);
  }
  const parsed = activitySchema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    res.status(400);
    res.json({
      error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not an activity'}`,
    });
    return next(false);
  }
  return next();
}
