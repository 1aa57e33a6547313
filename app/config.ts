import { z } from 'zod';

/**
 * Every setting the app reads, parsed from the environment once at start-up.
 * A bad value fails fast with an error naming the variable (see `loadConfig`).
 */

const DEV_CURSOR_SECRET = 'dev-only-cursor-secret-change-me-in-production';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);

const origin = z
  .string()
  .regex(/^https?:\/\/[^/\s]+$/, 'each origin must look like https://host[:port], no path');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),

    /** embedded: dynalite in-process (local default); endpoint: DYNAMODB_ENDPOINT; aws: real AWS. */
    STORAGE: z.enum(['embedded', 'endpoint', 'aws']).optional(),
    DYNAMODB_ENDPOINT: z.url().optional(),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    TABLE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name')
      .default('items'),
    DATA_DIR: z.string().min(1).default('.data'),
    DYNAMODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(20000).default(3000),
    DYNAMODB_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),

    CORS_ORIGINS: csv.pipe(z.array(origin)).default([]),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb')
      .default('100kb'),
    /** Express "trust proxy": how many proxy hops to trust for the client IP. 0 = none. */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),

    /** HMAC key that signs list cursors. Required (>= 32 chars) in production. */
    CURSOR_SECRET: z.string().min(32).optional(),
    /** Validate every response against openapi.yaml (a failure becomes a 500). Default: on outside production. */
    VALIDATE_RESPONSES: bool.optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE === 'endpoint' && !env.DYNAMODB_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['DYNAMODB_ENDPOINT'],
        message: 'is required when STORAGE=endpoint',
      });
    }
    if (env.NODE_ENV === 'production' && !env.CURSOR_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['CURSOR_SECRET'],
        message: 'is required in production (at least 32 characters)',
      });
    }
  });

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  logLevel: string;
  storage: {
    kind: 'embedded' | 'endpoint' | 'aws';
    endpoint?: string;
    region: string;
    tableName: string;
    dataDir: string;
    timeoutMs: number;
    maxAttempts: number;
  };
  http: {
    corsOrigins: string[];
    bodyLimit: string;
    trustProxyHops: number;
    validateResponses: boolean;
  };
  rateLimit: { windowMs: number; max: number };
  cursorSecret: string;
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment. Throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset": `FOO= npm run dev` should not fail validation.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const kind = e.STORAGE ?? (e.DYNAMODB_ENDPOINT ? 'endpoint' : 'embedded');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    storage: {
      kind,
      endpoint: kind === 'endpoint' ? e.DYNAMODB_ENDPOINT : undefined,
      region: e.AWS_REGION,
      tableName: e.TABLE_NAME,
      dataDir: e.DATA_DIR,
      timeoutMs: e.DYNAMODB_TIMEOUT_MS,
      maxAttempts: e.DYNAMODB_MAX_ATTEMPTS,
    },
    http: {
      corsOrigins: e.CORS_ORIGINS,
      bodyLimit: e.BODY_LIMIT,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      validateResponses: e.VALIDATE_RESPONSES ?? e.NODE_ENV !== 'production',
    },
    rateLimit: { windowMs: e.RATE_LIMIT_WINDOW_MS, max: e.RATE_LIMIT_MAX },
    cursorSecret: e.CURSOR_SECRET ?? DEV_CURSOR_SECRET,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
