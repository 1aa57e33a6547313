import { toAuthConfig, type AuthConfig } from './auth';
import { parseEnv, type Environment } from './fields';
import { apiRules } from './rules';
import { apiEnvSchema, resourceTablesSchema } from './schema';
import { RESOURCES } from '../resources/registry';
import { defaultTableName, tableNameVariable } from '../resources/resource-definition';

/**
 * The API's configuration (local server and Lambda), parsed from the environment once at
 * start-up: the variables in schema.ts, the rules that relate them in rules.ts, the token
 * settings in auth.ts. A bad value fails fast with an error naming the variable.
 */

export { ConfigError } from './fields';
export { LOCAL_ISSUER, type AuthConfig } from './auth';

export interface Config {
  env: Environment;
  port: number;
  host: string;
  /** The local server's connection limits (server.ts; Lambda has none of its own). */
  server: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
  };
  logLevel: string;
  observability: ObservabilityConfig;
  storage: {
    kind: 'embedded' | 'endpoint' | 'aws';
    endpoint?: string;
    region: string;
    tableName: string;
    /** The table of each generated resource, by resource name. */
    resourceTables: Record<string, string>;
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
  /**
   * The HMAC key of list cursors: CURSOR_SECRET, or read from CURSOR_SECRET_ID at start-up
   * (required in production). Unset elsewhere: the local server keeps one in DATA_DIR, the
   * Lambda entry makes one per container (entry/).
   */
  cursorSecret?: string;
  /** When set, cursorSecret is read from Secrets Manager at start-up (Lambda only). */
  cursorSecretId?: string;
  shutdownTimeoutMs: number;
  /** /openapi.json is always served; the interactive page at /docs only when `ui`. */
  docs: { ui: boolean };
}

/** Logs, metrics and traces (app/observability/, app/http/access-log.ts, entry/). */
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

export interface LoadOptions {
  /**
   * Store used when neither STORAGE nor DYNAMODB_ENDPOINT says: `embedded` for the local
   * server, `aws` on Lambda.
   */
  defaultStorage?: 'embedded' | 'aws';
  /** Whether /docs is served when DOCS_UI is unset (the Lambda entry passes false: a leaner bundle). */
  defaultDocsUi?: boolean;
  /** Whether EMF metrics are on when METRICS is unset (the Lambda entry: true on AWS Lambda itself). */
  defaultMetrics?: boolean;
}

/** Parses and validates the environment. Throws ConfigError naming each bad variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): Config {
  const e = parseEnv(apiEnvSchema, env, apiRules);
  const tables = parseEnv(resourceTablesSchema(), env) as Record<string, string>;
  const kind =
    e.STORAGE ?? (e.DYNAMODB_ENDPOINT ? 'endpoint' : (options.defaultStorage ?? 'embedded'));
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    server: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
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
      resourceTables: Object.fromEntries(
        RESOURCES.map((r) => [r.name, tables[tableNameVariable(r)] ?? defaultTableName(r)]),
      ),
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
    auth: toAuthConfig(e),
    idempotency: { tableName: e.IDEMPOTENCY_TABLE_NAME, ttlS: e.IDEMPOTENCY_TTL_S },
    cursorSecret: e.CURSOR_SECRET,
    cursorSecretId: e.CURSOR_SECRET_ID,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    docs: { ui: e.DOCS_UI ?? options.defaultDocsUi ?? true },
  };
}
