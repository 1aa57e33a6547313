import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';
import { timeBudget } from './time-budget';

/**
 * Every setting the app reads, parsed from the environment once at start-up.
 * A bad value fails fast with an error naming the variable (see `loadConfig`).
 * zod/mini (the tree-shakable build of zod) keeps this out of the cold-start budget.
 */

z.config(en());

const DEV_CURSOR_SECRET = 'dev-only-cursor-secret-change-me-in-production';

const int = (min: number, max?: number) =>
  z.coerce.number().check(z.int(), z.gte(min), ...(max === undefined ? [] : [z.lte(max)]));

const text = (pattern?: RegExp, message?: string) =>
  z.string().check(z.minLength(1), ...(pattern ? [z.regex(pattern, message)] : []));

const bool = z.pipe(
  z.enum(['true', 'false', '1', '0']),
  z.transform((v) => v === 'true' || v === '1'),
);

/** A comma-separated list whose every entry must match `item`. */
const list = (item: RegExp, message: string) =>
  z
    .pipe(
      z.string(),
      z.transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      ),
    )
    .check(z.refine((values: string[]) => values.every((v) => item.test(v)), message));

const origins = list(
  /^https?:\/\/[^/\s]+$/,
  'each origin must look like https://host[:port], no path',
);

const methods = list(
  /^(GET|HEAD|POST|PUT|PATCH|DELETE)$/,
  'must be a comma-separated list of GET, HEAD, POST, PUT, PATCH, DELETE',
);
const algorithms = list(
  /^(RS|PS|ES)(256|384|512)$|^EdDSA$/,
  'must be asymmetric JWS algorithms, e.g. RS256,ES256',
);
const tableName = text(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name');
const secretId = text(/^[\w/+=.@:-]{1,2048}$/, 'must be a secret name or ARN');

const envSchema = z
  .object({
    NODE_ENV: z._default(z.enum(['development', 'test', 'production']), 'development'),
    PORT: z._default(int(0, 65535), 3000),
    HOST: z._default(text(), '127.0.0.1'),
    LOG_LEVEL: z._default(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      'info',
    ),
    /** Local server only: `pretty` (default in development) or `json`. Lambda always logs JSON. */
    LOG_FORMAT: z.optional(z.enum(['json', 'pretty'])),
    /** CloudWatch EMF metrics per request (Lambda only). Default: on when running on AWS Lambda. */
    METRICS: z.optional(bool),
    /** Namespace of those metrics (Powertools' own variable name). */
    POWERTOOLS_METRICS_NAMESPACE: z._default(
      text(/^[A-Za-z0-9._#:/-]{1,255}$/, 'must be a CloudWatch namespace'),
      'ExpressLambdaApi',
    ),
    /** The `service` dimension of metrics and annotation of traces. */
    POWERTOOLS_SERVICE_NAME: z._default(text(), 'express-lambda-api'),
    /** X-Ray tracing through Powertools (Lambda only; needs a bundle built with TRACING_BUILD=true). */
    TRACING: z._default(bool, false),

    /** embedded: dynalite in-process (local default); endpoint: DYNAMODB_ENDPOINT; aws: real AWS. */
    STORAGE: z.optional(z.enum(['embedded', 'endpoint', 'aws'])),
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    AWS_REGION: z._default(text(), 'us-east-1'),
    TABLE_NAME: z._default(tableName, 'items'),
    DATA_DIR: z._default(text(), '.data'),
    DYNAMODB_CONNECT_TIMEOUT_MS: z._default(int(50, 10000), 1000),
    DYNAMODB_TIMEOUT_MS: z._default(int(50, 20000), 2000),
    DYNAMODB_MAX_ATTEMPTS: z._default(int(1, 10), 3),
    /** The Lambda function's timeout (infra deploys this value); must exceed the store budget. */
    LAMBDA_TIMEOUT_S: z._default(int(1, 28), 15),
    /** Path prefix to strip before routing on Lambda, e.g. a custom-domain base path mapping. */
    BASE_PATH: z.optional(
      text(/^(\/[A-Za-z0-9._~-]+)+$/, 'must look like /prefix or /a/b, without a trailing slash'),
    ),

    CORS_ORIGINS: z._default(origins, []),
    BODY_LIMIT: z._default(text(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb'), '100kb'),
    /** Express "trust proxy": how many proxy hops to trust for the client IP. 0 = none. */
    TRUST_PROXY_HOPS: z._default(int(0, 10), 0),
    /** Shared (DynamoDB) per-caller budget: window, requests per window, and what it covers. */
    RATE_LIMIT_WINDOW_MS: z._default(int(1000), 60_000),
    RATE_LIMIT_MAX: z._default(int(1), 120),
    RATE_LIMIT_METHODS: z._default(methods, ['POST', 'PUT', 'PATCH', 'DELETE']),
    RATE_LIMIT_TABLE_NAME: z._default(tableName, 'rate-limits'),
    /** Failed authentications allowed per client IP and window before 429s replace the 401s. */
    AUTH_FAILURE_LIMIT_MAX: z._default(int(1), 30),

    /** Bearer tokens: exactly one key source. JWT_SECRET (HS256, >= 32 chars) is for non-production. */
    JWT_SECRET: z.optional(z.string().check(z.minLength(32))),
    /** Secrets Manager id (name or ARN) holding the HS256 key, read once per Lambda container. */
    JWT_SECRET_ID: z.optional(secretId),
    /** JWKS endpoint of the issuer (e.g. a Cognito user pool's /.well-known/jwks.json). */
    JWKS_URL: z.optional(z.url({ protocol: /^https?$/ })),
    /** SSM parameter holding the JWKS URL, read once per Lambda container. */
    JWKS_URL_PARAM: z.optional(text(/^[\w./-]{1,2048}$/, 'must be an SSM parameter name')),
    JWT_ISSUER: z.optional(text()),
    JWT_AUDIENCE: z.optional(text()),
    /** Signature algorithms accepted from a JWKS (an HS256 secret always means HS256 only). */
    JWT_ALGORITHMS: z._default(algorithms, ['RS256']),
    JWT_CLOCK_TOLERANCE_S: z._default(int(0, 300), 30),
    /** Claim carrying the scopes: `scope` (space-separated, OAuth 2 and Cognito) or `scp` (list). */
    JWT_SCOPE_CLAIM: z._default(text(/^[A-Za-z0-9_:.-]+$/, 'must be a claim name'), 'scope'),
    /** Prefix to strip from each scope, e.g. a Cognito resource server `https://api.example.com/`. */
    JWT_SCOPE_PREFIX: z._default(z.string(), ''),
    /** Reads without a token are allowed unless this is false. */
    AUTH_ANONYMOUS_READS: z._default(bool, true),

    /** Idempotency-Key records for POST /v1/items: table and how long a key is remembered. */
    IDEMPOTENCY_TABLE_NAME: z._default(tableName, 'idempotency'),
    IDEMPOTENCY_TTL_S: z._default(int(1, 7 * 24 * 3600), 24 * 3600),

    /** HMAC key that signs list cursors. Required (>= 32 chars) in production. */
    CURSOR_SECRET: z.optional(z.string().check(z.minLength(32))),
    /**
     * Secrets Manager id (name or ARN) holding the cursor key, read once per Lambda container
     * (lambda-adapter/secrets.ts). How production gets it: never a plain value in the template.
     */
    CURSOR_SECRET_ID: z.optional(secretId),
    /** Validate every response against openapi.yaml (a failure becomes a 500). Default: on outside production. */
    VALIDATE_RESPONSES: z.optional(bool),
    SHUTDOWN_TIMEOUT_MS: z._default(int(0), 10_000),
    /** Serve Swagger UI at /docs. Default: on for the local server, off on Lambda. */
    DOCS_UI: z.optional(bool),
  })
  .check(
    z.superRefine((env, ctx) => {
      if (env.STORAGE === 'endpoint' && !env.DYNAMODB_ENDPOINT) {
        ctx.addIssue({
          code: 'custom',
          path: ['DYNAMODB_ENDPOINT'],
          message: 'is required when STORAGE=endpoint',
        });
      }
      const budget = timeBudget({
        connectTimeoutMs: env.DYNAMODB_CONNECT_TIMEOUT_MS,
        timeoutMs: env.DYNAMODB_TIMEOUT_MS,
        maxAttempts: env.DYNAMODB_MAX_ATTEMPTS,
        lambdaTimeoutS: env.LAMBDA_TIMEOUT_S,
      });
      if (!budget.fits) {
        ctx.addIssue({
          code: 'custom',
          path: ['LAMBDA_TIMEOUT_S'],
          message:
            `must exceed the worst-case DynamoDB time (${budget.storeWorstCaseMs} ms from ` +
            `DYNAMODB_CONNECT_TIMEOUT_MS, DYNAMODB_TIMEOUT_MS, DYNAMODB_MAX_ATTEMPTS) plus ` +
            `${budget.marginMs} ms, and stay under API Gateway's ${budget.apiGatewayTimeoutMs} ms`,
        });
      }
      const keySources = (
        ['JWT_SECRET', 'JWT_SECRET_ID', 'JWKS_URL', 'JWKS_URL_PARAM'] as const
      ).filter((name) => env[name] !== undefined);
      if (keySources.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: [keySources[1] ?? ''],
          message: `conflicts with ${keySources[0]}: configure one token key source`,
        });
      }
      if (env.NODE_ENV === 'production') {
        if (env.JWT_SECRET) {
          ctx.addIssue({
            code: 'custom',
            path: ['JWT_SECRET'],
            message: 'must not be a plain variable in production; use JWT_SECRET_ID or JWKS_URL',
          });
        } else if (keySources.length === 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['JWT_SECRET_ID'],
            message: 'or JWKS_URL or JWKS_URL_PARAM is required in production',
          });
        }
        if (!env.JWT_ISSUER) {
          ctx.addIssue({
            code: 'custom',
            path: ['JWT_ISSUER'],
            message: 'is required in production',
          });
        }
      }
      if (env.NODE_ENV === 'production' && !env.CURSOR_SECRET && !env.CURSOR_SECRET_ID) {
        ctx.addIssue({
          code: 'custom',
          path: ['CURSOR_SECRET'],
          message:
            'or CURSOR_SECRET_ID is required in production (a key of at least 32 characters)',
        });
      }
    }),
  );

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  logLevel: string;
  observability: ObservabilityConfig;
  storage: {
    kind: 'embedded' | 'endpoint' | 'aws';
    endpoint?: string;
    region: string;
    tableName: string;
    dataDir: string;
    connectTimeoutMs: number;
    timeoutMs: number;
    maxAttempts: number;
  };
  lambdaTimeoutS: number;
  http: {
    corsOrigins: string[];
    /** Stripped from request paths on Lambda before routing (custom-domain base path). */
    basePath?: string;
    bodyLimit: string;
    trustProxyHops: number;
    validateResponses: boolean;
  };
  rateLimit: {
    windowMs: number;
    /** Requests per caller and window on the covered methods (writes by default). */
    max: number;
    methods: string[];
    tableName: string;
    /** Failed authentications per client IP and window. */
    authFailureMax: number;
  };
  auth: AuthConfig;
  idempotency: { tableName: string; ttlS: number };
  cursorSecret: string;
  /** When set, cursorSecret is read from Secrets Manager at start-up (Lambda only). */
  cursorSecretId?: string;
  shutdownTimeoutMs: number;
  /** /openapi.json is always served; the interactive page at /docs only when `ui`. */
  docs: { ui: boolean };
}

/** Logs, metrics and traces (app/logger.ts, app/http/access-log.ts, lambda-adapter/). */
export interface ObservabilityConfig {
  /** Local server: pretty or JSON lines; unset = pretty in development. Lambda: always JSON. */
  logFormat?: 'json' | 'pretty';
  /** CloudWatch EMF metrics per request, published once per invocation (Lambda only). */
  metrics: boolean;
  metricsNamespace: string;
  serviceName: string;
  /** X-Ray through Powertools Tracer (Lambda only): DynamoDB calls and one subsegment per request. */
  tracing: boolean;
}

/** How bearer tokens are verified (app/auth). One key source is set once start-up completes. */
export interface AuthConfig {
  /** HS256 key: JWT_SECRET, the local .data/ secret (server.ts), or read via secretId. */
  secret?: string;
  /** Secrets Manager id of the HS256 key (Lambda: read once per container). */
  secretId?: string;
  jwksUrl?: string;
  /** SSM parameter holding the JWKS URL (Lambda: read once per container). */
  jwksUrlParam?: string;
  issuer: string;
  audience?: string;
  jwksAlgorithms: string[];
  clockToleranceS: number;
  scopeClaim: string;
  scopePrefix: string;
  anonymousReads: boolean;
}

/** The issuer local tokens carry when JWT_ISSUER is not set (never in production). */
export const LOCAL_ISSUER = 'express-lambda-api-local';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /**
   * Store used when neither STORAGE nor DYNAMODB_ENDPOINT says: `embedded` for the local
   * server, `aws` on Lambda.
   */
  defaultStorage?: 'embedded' | 'aws';
  /** Whether /docs is served when DOCS_UI is unset (lambda.ts passes false: a leaner bundle). */
  defaultDocsUi?: boolean;
  /** Whether EMF metrics are on when METRICS is unset (lambda.ts: true on AWS Lambda itself). */
  defaultMetrics?: boolean;
}

/** Parses and validates the environment. Throws ConfigError naming each bad variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): Config {
  // Empty strings mean "unset": `FOO= npm run dev` should not fail validation.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = z.safeParse(envSchema, cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const kind =
    e.STORAGE ?? (e.DYNAMODB_ENDPOINT ? 'endpoint' : (options.defaultStorage ?? 'embedded'));
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    observability: {
      logFormat: e.LOG_FORMAT,
      metrics: e.METRICS ?? options.defaultMetrics ?? false,
      metricsNamespace: e.POWERTOOLS_METRICS_NAMESPACE,
      serviceName: e.POWERTOOLS_SERVICE_NAME,
      tracing: e.TRACING,
    },
    storage: {
      kind,
      endpoint: kind === 'endpoint' ? e.DYNAMODB_ENDPOINT : undefined,
      region: e.AWS_REGION,
      tableName: e.TABLE_NAME,
      dataDir: e.DATA_DIR,
      connectTimeoutMs: e.DYNAMODB_CONNECT_TIMEOUT_MS,
      timeoutMs: e.DYNAMODB_TIMEOUT_MS,
      maxAttempts: e.DYNAMODB_MAX_ATTEMPTS,
    },
    lambdaTimeoutS: e.LAMBDA_TIMEOUT_S,
    http: {
      corsOrigins: e.CORS_ORIGINS,
      basePath: e.BASE_PATH,
      bodyLimit: e.BODY_LIMIT,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      validateResponses: e.VALIDATE_RESPONSES ?? e.NODE_ENV !== 'production',
    },
    rateLimit: {
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      max: e.RATE_LIMIT_MAX,
      methods: e.RATE_LIMIT_METHODS,
      tableName: e.RATE_LIMIT_TABLE_NAME,
      authFailureMax: e.AUTH_FAILURE_LIMIT_MAX,
    },
    auth: {
      secret: e.JWT_SECRET,
      secretId: e.JWT_SECRET_ID,
      jwksUrl: e.JWKS_URL,
      jwksUrlParam: e.JWKS_URL_PARAM,
      issuer: e.JWT_ISSUER ?? LOCAL_ISSUER,
      audience: e.JWT_AUDIENCE,
      jwksAlgorithms: e.JWT_ALGORITHMS,
      clockToleranceS: e.JWT_CLOCK_TOLERANCE_S,
      scopeClaim: e.JWT_SCOPE_CLAIM,
      scopePrefix: e.JWT_SCOPE_PREFIX,
      anonymousReads: e.AUTH_ANONYMOUS_READS,
    },
    idempotency: { tableName: e.IDEMPOTENCY_TABLE_NAME, ttlS: e.IDEMPOTENCY_TTL_S },
    cursorSecret: e.CURSOR_SECRET ?? DEV_CURSOR_SECRET,
    cursorSecretId: e.CURSOR_SECRET_ID,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    docs: { ui: e.DOCS_UI ?? options.defaultDocsUi ?? true },
  };
}
