import type { Response } from 'restify';

/** Every refusal at our HTTP edges looks the same: a status and a short JSON message, no stack. */
export function sendError(res: Response, status: number, message: string): void {
  res.status(status);
  res.json({ error: message });
}
