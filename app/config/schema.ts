import * as z from 'zod/mini';
import { RESOURCES } from '../resources/registry';
import { defaultTableName, tableNameVariable } from '../resources/resource-definition';
import { authShape } from './auth';
import {
  bool,
  int,
  key,
  list,
  oneOf,
  runtimeShape,
  secretId,
  tableName,
  text,
  url,
} from './fields';

/**
 * Every variable the API (local server and Lambda) reads, with its type and default. Rules
 * that relate several variables are in rules.ts; the typed config built from these values,
 * in index.ts.
 */

const origins = list(
  /^https?:\/\/[^/\s]+$/,
  'a comma-separated list of origins such as https://app.example.com or http://localhost:5173 (scheme, host and port only)',
);

const methods = list(
  /^(GET|HEAD|POST|PUT|PATCH|DELETE)$/,
  'a comma-separated list of GET, HEAD, POST, PUT, PATCH, DELETE',
);

export const apiEnvSchema = z.object({
  ...runtimeShape,
  PORT: z._default(int(0, 65535), 3000),
  HOST: z._default(text(), '127.0.0.1'),
  /** Local server only: how long a client may take to send the headers, the whole request. */
  HTTP_HEADERS_TIMEOUT_MS: z._default(int(100, 120_000), 10_000),
  HTTP_REQUEST_TIMEOUT_MS: z._default(int(100, 600_000), 30_000),
  /** Local server only: how long an idle keep-alive connection stays open. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z._default(int(100, 120_000), 5_000),
  /** Local server only: open connections at most; more are refused at once. */
  HTTP_MAX_CONNECTIONS: z._default(int(1, 100_000), 1_000),
  /** Local server only: `pretty` (default in development) or `json`. Lambda always logs JSON. */
  LOG_FORMAT: z.optional(oneOf('json', 'pretty')),
  /** CloudWatch EMF metrics per request (Lambda only). Default: on when running on AWS Lambda. */
  METRICS: z.optional(bool),
  /** Namespace of those metrics (Powertools' own variable name). */
  POWERTOOLS_METRICS_NAMESPACE: z._default(
    text(
      /^[A-Za-z0-9._#:/-]{1,255}$/,
      'a CloudWatch namespace (1 to 255 of A-Z a-z 0-9 . _ # : / -)',
    ),
    'ExpressLambdaApi',
  ),
  /** The `service` dimension of metrics and annotation of traces. */
  POWERTOOLS_SERVICE_NAME: z._default(text(), 'express-lambda-api'),
  /** X-Ray tracing through Powertools (Lambda only; needs a bundle built with TRACING_BUILD=true). */
  TRACING: z._default(bool, false),

  /** embedded: dynalite in-process (local default); endpoint: DYNAMODB_ENDPOINT; aws: real AWS. */
  STORAGE: z.optional(oneOf('embedded', 'endpoint', 'aws')),
  DYNAMODB_ENDPOINT: z.optional(url('a URL such as http://127.0.0.1:8000')),
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
    text(/^(\/[A-Za-z0-9._~-]+)+$/, 'a path such as /api or /a/b, without a trailing slash'),
  ),

  CORS_ORIGINS: z._default(origins, []),
  BODY_LIMIT: z._default(
    text(/^\d+(b|kb|mb)$/i, 'a size such as 100kb or 1mb (b, kb or mb)'),
    '100kb',
  ),
  /** Express "trust proxy": how many proxy hops to trust for the client IP. 0 = none. */
  TRUST_PROXY_HOPS: z._default(int(0, 10), 0),
  /** Shared (DynamoDB) per-caller budget: window, requests per window, and what it covers. */
  RATE_LIMIT_WINDOW_MS: z._default(int(1000), 60_000),
  RATE_LIMIT_MAX: z._default(int(1), 120),
  RATE_LIMIT_METHODS: z._default(methods, ['POST', 'PUT', 'PATCH', 'DELETE']),
  RATE_LIMIT_TABLE_NAME: z._default(tableName, 'rate-limits'),
  /** Failed authentications allowed per client IP and window before 429s replace the 401s. */
  AUTH_FAILURE_LIMIT_MAX: z._default(int(1), 30),

  ...authShape,

  /** Idempotency-Key records for POST /v1/items: table and how long a key is remembered. */
  IDEMPOTENCY_TABLE_NAME: z._default(tableName, 'idempotency'),
  IDEMPOTENCY_TTL_S: z._default(int(1, 7 * 24 * 3600), 24 * 3600),

  /** HMAC key that signs list cursors. Required (>= 32 chars) in production. */
  CURSOR_SECRET: z.optional(key(32)),
  /**
   * Secrets Manager id (name or ARN) holding the cursor key, read once per Lambda container
   * (secrets.ts). How production gets it: never a plain value in the template.
   */
  CURSOR_SECRET_ID: z.optional(secretId),
  /** Validate every response against openapi.yaml (a failure becomes a 500). Default: on outside production. */
  VALIDATE_RESPONSES: z.optional(bool),
  SHUTDOWN_TIMEOUT_MS: z._default(int(0), 10_000),
  /** Serve Swagger UI at /docs. Default: on for the local server, off on Lambda. */
  DOCS_UI: z.optional(bool),
});

export type ApiEnv = z.output<typeof apiEnvSchema>;

/**
 * The table of each generated resource (app/resources/registry.ts): `<NAME>_TABLE_NAME`, by
 * default the resource's name in kebab case (`NOTES_TABLE_NAME=notes`). Infra sets them.
 */
export function resourceTablesSchema() {
  return z.object(
    Object.fromEntries(
      RESOURCES.map((r) => [tableNameVariable(r), z._default(tableName, defaultTableName(r))]),
    ),
  );
}
