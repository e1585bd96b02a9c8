import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { JsonBody } from '../../http/body';
import { sendError } from '../http-error';
import { z } from 'zod';
import type { DirectReplyAdapter } from '../botframework/adapter';
import type { NeckBot } from '../botframework/bot';
import { buttonValue, describeIssue } from '../botframework/validate';

/** The longest message the page may send; the page (public/app.js MAX_TEXT) stops typing there. */
export const WEBCHAT_MAX_TEXT = 4000;
const MAX_TEXT = WEBCHAT_MAX_TEXT;
const idSchema = z.string().trim().min(1).max(128);

const inboundSchema = z.object({
  /** The page's own id for its message, so replies can point back to it and retries are recognised. */
  id: idSchema.optional(),
  type: z.string().min(1).max(64),
  text: z.string().max(MAX_TEXT, `text is longer than ${MAX_TEXT} characters`).optional(),
  /** A card button's words (`value.text`) are capped like typed text. */
  value: buttonValue(MAX_TEXT).optional(),
  name: z.string().max(128).optional(),
  locale: z.string().max(32).optional(),
  from: z.object({ id: idSchema }),
  conversation: z.object({ id: idSchema }),
});

export const WEBCHAT_CHANNEL = 'webchat';
/** Replies travel in the HTTP response; this URL is never called (no client-supplied serviceUrl). */
const NO_SERVICE_URL = 'https://webchat.invalid/';

/**
 * POST /api/webchat: one activity from the web chat page in, the bot's replies out. The activity is
 * rebuilt here from validated fields only, and run with deliveryMode expectReplies.
 */
export function webchatHandler(adapter: DirectReplyAdapter, bot: NeckBot) {
  return async (_req: Request, res: Response, body: JsonBody): Promise<void> => {
    const parsed = inboundSchema.safeParse(body.value);
    if (!parsed.success)
      return sendError(res, 400, describeIssue(parsed.error.issues[0], body.value));
    const inbound = parsed.data;
    const join = inbound.type === 'event' && inbound.name === 'webchat/join';
    if (inbound.type !== 'message' && !join) {
      res.json({ activities: [] });
      return;
    }
    const activity = {
      type: join ? 'conversationUpdate' : 'message',
      id: inbound.id ?? randomUUID(),
      timestamp: new Date(),
      channelId: WEBCHAT_CHANNEL,
      serviceUrl: NO_SERVICE_URL,
      deliveryMode: 'expectReplies',
      from: { id: inbound.from.id, role: 'user' },
      recipient: { id: 'neck-massage-coach', role: 'bot' },
      conversation: { id: `webchat:${inbound.conversation.id}` },
      locale: inbound.locale ?? 'en-US',
      ...(join
        ? { membersAdded: [{ id: inbound.from.id }] }
        : {
            text: inbound.text ?? '',
            ...(inbound.value !== undefined ? { value: inbound.value } : {}),
          }),
    } as unknown as Activity;
    const activities = await adapter.run(activity, (context) => bot.run(context));
    res.json({ activities });
  };
}
