import { z } from 'zod';
import { NeckbotError } from './core/errors';
import { parseTrustProxy, type TrustProxy } from './http/client-address';
import { parseFrameAncestors } from './http/security-headers';
import { LOG_LEVELS, type LogLevel } from './logger';

const HOUR_MS = 60 * 60 * 1000;

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
  SAVED_ROUTINE_TTL_HOURS: z.coerce.number().positive().default(24),
  STATE_MAX_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional()
    .or(z.literal('')),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'letters, digits, _ . : - only (at most 40)')
    .default('neckbot:'),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  DYNAMODB_TABLE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)')
    .optional()
    .or(z.literal('')),
  DYNAMODB_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL')
    .optional()
    .or(z.literal('')),
  DYNAMODB_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  ALEXA_SKILL_ID: z.string().optional(),
  ALEXA_VERIFY_SIGNATURES: z.enum(['true', 'false']).default('true'),
  WEBCHAT_MAX_BODY_BYTES: z.coerce.number().int().min(256).max(1_000_000).default(16_384),
  WEBCHAT_RATE_PER_SECOND: z.coerce.number().positive().default(10),
  WEBCHAT_BURST: z.coerce.number().int().positive().default(20),
  BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  MESSAGES_RATE_PER_SECOND: z.coerce.number().positive().default(50),
  MESSAGES_BURST: z.coerce.number().int().positive().default(100),
  ALEXA_RATE_PER_SECOND: z.coerce.number().positive().default(50),
  ALEXA_BURST: z.coerce.number().int().positive().default(100),
  TRUST_PROXY: z.string().optional(),
  METRICS_PORT: z
    .string()
    .trim()
    .regex(/^(off|\d{1,5})?$/i, 'a port number or "off"')
    .refine((v) => /^off$/i.test(v) || Number(v) <= 65535, 'a port number or "off"')
    .optional(),
  FRAME_ANCESTORS: z.string().optional(),
});

/** Every environment variable the server reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  production: boolean;
  port: number;
  /** Loopback unless authentication is on (or HOST says otherwise): an open bot stays local. */
  host: string;
  logLevel: LogLevel;
  /** Bot Framework settings as ConfigurationBotFrameworkAuthentication reads them. */
  botFramework: Record<string, string | undefined>;
  authEnabled: boolean;
  savedRoutineTtlMs: number;
  /** Without `redis` or `dynamodb`, state lives in the embedded memory store (`maxEntries`). */
  state: {
    maxEntries: number;
    redis?: { url: string; prefix: string; commandTimeoutMs: number };
    dynamodb?: { table: string; endpoint?: string; requestTimeoutMs: number };
  };
  shutdownDeadlineMs: number;
  /** A request body must arrive whole within this time (408 otherwise). */
  bodyTimeoutMs: number;
  webchat: { maxBodyBytes: number; ratePerSecond: number; burst: number };
  alexa: { skillId?: string; verifySignatures: boolean; ratePerSecond: number; burst: number };
  /** Per-client rate limit of /api/messages, checked before authentication. */
  messages: { ratePerSecond: number; burst: number };
  /** Which peers may say who the client is (X-Forwarded-For); false: none, the socket decides. */
  trustProxy: TrustProxy;
  /** Where /metrics is served: on the main port (default), a port of its own, or nowhere. */
  metrics: { port: 'main' | 'off' | number };
  /** CSP frame-ancestors sources of every response ("'none'": the page cannot be framed). */
  frameAncestors: string;
}

/**
 * What reads the configuration: the HTTP server, or the Lambda handler (Alexa only: Bot Framework
 * credentials and Alexa signature checks are the server's, Lambda requests are verified by Alexa).
 */
export type ConfigTarget = 'server' | 'lambda';

/**
 * Reads and validates the environment once at start. Every problem is reported, one per line,
 * naming the variable; nothing starts until all are fixed.
 */
export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  target: ConfigTarget = 'server',
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  // "Production" and " PRODUCTION " are production too: a refusal must not hinge on case.
  const production = e.NODE_ENV?.trim().toLowerCase() === 'production';
  const appId = e.MicrosoftAppId?.trim() || undefined;
  const verifySignatures = e.ALEXA_VERIFY_SIGNATURES !== 'false';
  const problems: string[] = [];
  const server = target === 'server';
  if (server && production && !appId) {
    problems.push(
      'NODE_ENV=production needs MicrosoftAppId (and MicrosoftAppPassword): refusing to start with Bot Framework authentication off',
    );
  }
  if (server && production && !verifySignatures) {
    problems.push(
      'NODE_ENV=production refuses ALEXA_VERIFY_SIGNATURES=false: Alexa requests must be verified',
    );
  }
  let trustProxy: TrustProxy = false;
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY);
  } catch (err) {
    problems.push(`TRUST_PROXY: ${err instanceof Error ? err.message : String(err)}`);
  }
  let frameAncestors = "'none'";
  try {
    frameAncestors = parseFrameAncestors(e.FRAME_ANCESTORS);
  } catch (err) {
    problems.push(`FRAME_ANCESTORS: ${err instanceof Error ? err.message : String(err)}`);
  }
  const redisUrl = e.REDIS_URL?.trim() || undefined;
  const table = e.DYNAMODB_TABLE?.trim() || undefined;
  if (redisUrl && table) {
    problems.push('REDIS_URL and DYNAMODB_TABLE are both set: choose one state store');
  }
  if (problems.length > 0) fail(problems);

  const skillId = e.ALEXA_SKILL_ID?.trim() || undefined;
  const dynamoEndpoint = e.DYNAMODB_ENDPOINT?.trim() || undefined;
  return {
    alexa: {
      verifySignatures,
      ...(skillId ? { skillId } : {}),
      ratePerSecond: e.ALEXA_RATE_PER_SECOND,
      burst: e.ALEXA_BURST,
    },
    messages: { ratePerSecond: e.MESSAGES_RATE_PER_SECOND, burst: e.MESSAGES_BURST },
    trustProxy,
    metrics: {
      port:
        e.METRICS_PORT === undefined || e.METRICS_PORT === ''
          ? 'main'
          : /^off$/i.test(e.METRICS_PORT)
            ? 'off'
            : Number(e.METRICS_PORT),
    },
    frameAncestors,
    production,
    port: e.PORT,
    host: e.HOST ?? (appId ? '0.0.0.0' : '127.0.0.1'),
    logLevel: e.LOG_LEVEL,
    botFramework: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
    },
    authEnabled: appId !== undefined,
    savedRoutineTtlMs: e.SAVED_ROUTINE_TTL_HOURS * HOUR_MS,
    state: {
      maxEntries: e.STATE_MAX_ENTRIES,
      ...(redisUrl
        ? {
            redis: {
              url: redisUrl,
              prefix: e.REDIS_PREFIX,
              commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
            },
          }
        : {}),
      ...(table
        ? {
            dynamodb: {
              table,
              ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}),
              requestTimeoutMs: e.DYNAMODB_TIMEOUT_MS,
            },
          }
        : {}),
    },
    shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS,
    webchat: {
      maxBodyBytes: e.WEBCHAT_MAX_BODY_BYTES,
      ratePerSecond: e.WEBCHAT_RATE_PER_SECOND,
      burst: e.WEBCHAT_BURST,
    },
  };
}

function fail(problems: string[]): never {
  throw new NeckbotError(
    'INPUT_INVALID',
    `configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems
      .map((p) => `  - ${p}`)
      .join('\n')}`,
  );
}
