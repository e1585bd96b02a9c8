import type { RequestEnvelope } from 'ask-sdk-model';
import type { Request, Response } from 'restify';
import { sendError } from '../http-error';
import type { AlexaSkill } from './skill';
import { verifyAlexaRequest, type VerifyOptions } from './verify';

/** Request types this skill answers; anything else is refused before a turn runs. */
const HANDLED_REQUESTS = new Set(['LaunchRequest', 'IntentRequest', 'SessionEndedRequest']);

/** Our JSON body reader (src/http/json-body.ts) keeps the bytes as read in `rawBody`. */
function rawBodyOf(req: Request): string | Buffer {
  const raw: unknown = (req as Request & { rawBody?: unknown }).rawBody;
  return typeof raw === 'string' || Buffer.isBuffer(raw) ? raw : '';
}

/**
 * POST /api/alexa: verify the request (signature over the raw body, timestamp, skill id), then run
 * the skill. Any verification failure is a 400 and no turn runs.
 */
export function alexaHandler(skill: AlexaSkill, verify: VerifyOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!req.is('application/json'))
      return sendError(res, 415, 'send JSON (Content-Type: application/json)');
    const parsed: unknown = req.body;
    const verified = await verifyAlexaRequest(
      req.headers,
      rawBodyOf(req),
      verify,
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined,
    );
    if (!verified.ok) return sendError(res, 400, verified.reason);
    const envelope = verified.body as Partial<RequestEnvelope>;
    const type = envelope.request?.type;
    if (!type || !HANDLED_REQUESTS.has(type))
      return sendError(res, 400, `request type ${String(type)} is not handled`);
    res.json(await skill.invoke(envelope as RequestEnvelope));
  };
}
