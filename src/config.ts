import { z } from 'zod';
import { NeckbotError } from './core/errors';

const HOUR_MS = 60 * 60 * 1000;

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().optional(),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
  SAVED_ROUTINE_TTL_HOURS: z.coerce.number().positive().default(24),
  ALEXA_SKILL_ID: z.string().optional(),
  ALEXA_VERIFY_SIGNATURES: z.enum(['true', 'false']).default('true'),
  WEBCHAT_MAX_BODY_BYTES: z.coerce.number().int().min(256).max(1_000_000).default(16_384),
  WEBCHAT_RATE_PER_SECOND: z.coerce.number().positive().default(10),
  WEBCHAT_BURST: z.coerce.number().int().positive().default(20),
});

export interface Config {
  production: boolean;
  port: number;
  /** Loopback unless authentication is on (or HOST says otherwise): an open bot stays local. */
  host: string;
  /** Bot Framework settings as ConfigurationBotFrameworkAuthentication reads them. */
  botFramework: Record<string, string | undefined>;
  authEnabled: boolean;
  savedRoutineTtlMs: number;
  webchat: { maxBodyBytes: number; ratePerSecond: number; burst: number };
  alexa: { skillId?: string; verifySignatures: boolean };
}

/** Reads and validates the environment once at start, with one clear message per problem. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new NeckbotError('INPUT_INVALID', `configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const appId = e.MicrosoftAppId?.trim() || undefined;
  if (production && !appId) {
    throw new NeckbotError(
      'INPUT_INVALID',
      'configuration: NODE_ENV=production needs MicrosoftAppId (and MicrosoftAppPassword): refusing to start with Bot Framework authentication off',
    );
  }
  const verifySignatures = e.ALEXA_VERIFY_SIGNATURES !== 'false';
  if (production && !verifySignatures) {
    throw new NeckbotError(
      'INPUT_INVALID',
      'configuration: NODE_ENV=production refuses ALEXA_VERIFY_SIGNATURES=false: Alexa requests must be verified',
    );
  }
  const skillId = e.ALEXA_SKILL_ID?.trim() || undefined;
  return {
    alexa: { verifySignatures, ...(skillId ? { skillId } : {}) },
    production,
    port: e.PORT,
    host: e.HOST ?? (appId ? '0.0.0.0' : '127.0.0.1'),
    botFramework: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
    },
    authEnabled: appId !== undefined,
    savedRoutineTtlMs: e.SAVED_ROUTINE_TTL_HOURS * HOUR_MS,
    webchat: {
      maxBodyBytes: e.WEBCHAT_MAX_BODY_BYTES,
      ratePerSecond: e.WEBCHAT_RATE_PER_SECOND,
      burst: e.WEBCHAT_BURST,
    },
  };
}
