import type { Request, Response } from 'restify';
import type { JsonBody } from '../../http/body';
import type { Logger } from '../../logger';
import { sendError } from '../http-error';
import type { EdgeCloudAdapter } from './adapter';
import { AUTH_ERRORS } from './auth';
import type { NeckBot } from './bot';
import { checkActivity } from './validate';

/**
 * POST /api/messages after the edge (rate limit, body): the activity's fields are checked (400),
 * then its token (401, or 503 when the OpenID metadata cannot be had), then the turn runs. An auth
 * failure is one log line with its reason code; never the token.
 */
export function messagesHandler(
  adapter: EdgeCloudAdapter,
  bot: NeckBot,
  log: Logger,
  /** Counts each authentication refusal (401, 503). */
  onRefused: (status: number) => void = () => undefined,
) {
  return async (req: Request, res: Response, body: JsonBody): Promise<void> => {
    const checked = checkActivity(body.value);
    if (!checked.ok) return sendError(res, 400, checked.error);
    const { activity } = checked;
    const auth = await adapter.authenticate(req.headers.authorization, activity);
    if (!auth.ok) {
      log.warn(
        {
          route: 'messages',
          status: auth.status,
          reason: auth.reason,
          ...(auth.errorName ? { err: auth.errorName } : {}),
        },
        'bot framework authentication failed',
      );
      onRefused(auth.status);
      if (auth.status === 503) res.header('Retry-After', '30');
      return sendError(res, auth.status, AUTH_ERRORS[auth.status]);
    }
    const invoke = await adapter.run(auth.value, activity, (context) => bot.run(context));
    const status = invoke?.status ?? 200;
    if (invoke?.body === undefined) {
      res.status(status);
      res.end();
      return;
    }
    res.json(status, invoke.body);
  };
}
