import type { RequestEnvelope } from 'ask-sdk-model';
import { z } from 'zod';
import { describeIssue } from '../botframework/validate';

/**
 * The parts of an Alexa request envelope the skill and ask-sdk-core read, with the types they
 * expect and length caps, checked after verification and before `skill.invoke`. Before, a request
 * type that was an object (`{"toString": 1}`) threw inside the route and its TypeError message came
 * back in a 500.
 */
const text = (max: number) => z.string().max(max);
const id = (max: number) => z.string().min(1).max(max);

const application = z.looseObject({ applicationId: id(256) });
const user = z.looseObject({ userId: id(512) });

const resolution = z.looseObject({
  authority: text(512).optional(),
  status: z.looseObject({ code: text(64) }),
  values: z
    .array(z.looseObject({ value: z.looseObject({ name: text(256), id: text(256).optional() }) }))
    .max(16)
    .optional(),
});

const slot = z.looseObject({
  name: text(64),
  value: text(1_000).optional(),
  confirmationStatus: text(32).optional(),
  resolutions: z
    .looseObject({ resolutionsPerAuthority: z.array(resolution).max(16).optional() })
    .optional(),
});

const slots = z
  .record(text(64), slot)
  .refine((value) => Object.keys(value).length <= 32, 'too many slots');

const request = z
  .looseObject({
    type: z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/),
    requestId: text(256).optional(),
    timestamp: text(64),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,4})?$/)
      .optional(),
    intent: z
      .looseObject({
        name: z.string().regex(/^[A-Za-z0-9_.]{1,128}$/),
        confirmationStatus: text(32).optional(),
        slots: slots.optional(),
      })
      .optional(),
    reason: text(64).optional(),
  })
  .refine((r) => r.type !== 'IntentRequest' || r.intent !== undefined, {
    message: 'an IntentRequest needs an intent',
    path: ['intent'],
  });

const envelopeSchema = z.looseObject({
  version: text(16),
  session: z
    .looseObject({
      new: z.boolean().optional(),
      sessionId: id(256),
      application,
      user,
      attributes: z.looseObject({}).optional(),
    })
    .optional(),
  context: z
    .looseObject({
      System: z.looseObject({
        application,
        user,
        device: z
          .looseObject({
            deviceId: text(512).optional(),
            supportedInterfaces: z.looseObject({}).optional(),
          })
          .optional(),
        apiEndpoint: text(256).optional(),
      }),
    })
    .optional(),
  request,
});

export type EnvelopeCheck = { ok: true; envelope: RequestEnvelope } | { ok: false; error: string };

export function checkEnvelope(body: unknown): EnvelopeCheck {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0], body) };
  return { ok: true, envelope: parsed.data as unknown as RequestEnvelope };
}
