import type { Request, Response } from 'restify';
import type { JsonBody } from '../../http/body';
import { sendError } from '../http-error';
import { checkEnvelope } from './envelope';
import type { AlexaSkill } from './skill';
import { verifyAlexaRequest, type VerifyOptions } from './verify';

/** Request types this skill answers; anything else is refused before a turn runs. */
const HANDLED_REQUESTS = new Set(['LaunchRequest', 'IntentRequest', 'SessionEndedRequest']);

/**
 * POST /api/alexa after the edge (rate limit, body): verify the request (signature over the raw
 * body, timestamp, skill id), check the envelope's fields, then run the skill. Any failure is a 400
 * and no turn runs; whatever throws is the edge's one generic 500 (src/http/route.ts).
 */
export function alexaHandler(skill: AlexaSkill, verify: VerifyOptions) {
  return async (req: Request, res: Response, body: JsonBody): Promise<void> => {
    const parsed = body.value;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return sendError(res, 400, 'body: expected a request envelope');
    const verified = await verifyAlexaRequest(
      req.headers,
      // The bytes as received: the signature covers them, not a re-serialisation of the JSON.
      body.raw,
      verify,
      parsed,
    );
    if (!verified.ok) return sendError(res, 400, verified.reason);
    const checked = checkEnvelope(verified.body);
    if (!checked.ok) return sendError(res, 400, checked.error);
    const { envelope } = checked;
    if (!HANDLED_REQUESTS.has(envelope.request.type))
      return sendError(res, 400, 'request type is not handled');
    res.json(await skill.invoke(envelope));
  };
}
