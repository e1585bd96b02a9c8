import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * Activities are checked at the edge, field by field, before botbuilder or the bot sees them: every
 * field something downstream reads has the type it expects (a number for `serviceUrl` used to reach
 * `endpoint.toLowerCase()`), and every string has a length cap. Fields nobody reads pass through.
 */

/** Teams messages are at most ~28 KB of HTML; nobody types 10,000 characters to a coach. */
export const MESSAGES_MAX_TEXT = 10_000;

const short = (max: number) => z.string().max(max);
const id = (max: number) => z.string().min(1).max(max);

const account = z.looseObject({
  id: id(256),
  name: short(256).optional(),
  role: short(32).optional(),
  aadObjectId: short(128).optional(),
});

const date = short(64).refine((v) => Number.isFinite(Date.parse(v)), 'expected a date');

const httpUrl = short(2048).refine((v) => {
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'expected an http(s) URL');

/** A mention is read by TurnContext.removeRecipientMention: `mentioned.id` and `text`. */
const entity = z.looseObject({ type: id(64) }).superRefine((e, ctx) => {
  if (e.type.toLowerCase() !== 'mention') return;
  const mention = z.looseObject({ mentioned: z.looseObject({ id: id(256) }), text: short(1024) });
  for (const issue of mention.safeParse(e).error?.issues ?? []) ctx.addIssue({ ...issue });
});

/**
 * A card button's `value`, as inbound.ts reads it: `text`, or Teams' `msteams.value`; capped like
 * typed text. Values that are not objects carry no words and pass.
 */
export function buttonValue(maxText: number) {
  const words = z.looseObject({
    text: short(maxText).optional(),
    msteams: z.looseObject({ value: short(maxText).optional() }).optional(),
  });
  return z.unknown().superRefine((value, ctx) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    for (const issue of words.safeParse(value).error?.issues ?? []) ctx.addIssue({ ...issue });
  });
}

const activitySchema = z.looseObject({
  type: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9/._-]{0,63}$/)
    // The coach answers no invoke (it sends Action.Submit cards only); botbuilder would say 501.
    .refine((type) => type !== 'invoke', 'invoke activities are not supported'),
  id: id(256).optional(),
  channelId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  serviceUrl: httpUrl,
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: id(512),
    name: short(256).optional(),
    conversationType: short(64).optional(),
    tenantId: short(128).optional(),
    isGroup: z.boolean().optional(),
  }),
  text: short(MESSAGES_MAX_TEXT).optional(),
  textFormat: short(32).optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}$/)
    .optional(),
  replyToId: short(256).optional(),
  name: short(256).optional(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
  timestamp: date.optional(),
  localTimestamp: date.optional(),
  localTimezone: short(64).optional(),
  expiration: date.optional(),
  entities: z.array(entity).max(64).optional(),
  attachments: z.array(z.looseObject({})).max(16).optional(),
  membersAdded: z.array(account).max(256).optional(),
  membersRemoved: z.array(account).max(256).optional(),
  channelData: z.looseObject({}).optional(),
  value: buttonValue(MESSAGES_MAX_TEXT).optional(),
});

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; error: string };

/** The activity, or the first problem as `path: what was expected` (never the value itself). */
export function checkActivity(body: unknown): ActivityCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, error: 'body: expected an activity object' };
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0], body) };
  return { ok: true, activity: parsed.data as unknown as Activity };
}

/** One zod issue as a short, fixed-vocabulary message (`input` is the value that was checked). */
export function describeIssue(issue: z.core.$ZodIssue | undefined, input: unknown): string {
  const path = (issue?.path ?? []).map(String).join('.').slice(0, 100) || 'body';
  switch (issue?.code) {
    case 'too_big':
      return `${path}: ${issue.origin === 'array' ? 'too many items' : 'too long'}`;
    case 'too_small':
      return `${path}: ${issue.origin === 'array' ? 'too few items' : 'must not be empty'}`;
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? `${path}: required`
        : `${path}: expected ${issue.expected}`;
    case 'custom':
      return `${path}: ${issue.message.slice(0, 60)}`;
    default:
      return `${path}: invalid value`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
