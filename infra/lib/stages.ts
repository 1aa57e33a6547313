/**
 * Per-stage settings, chosen with `--context stage=<name>`. Everything a deploy varies lives
 * here; the stack reads nothing else.
 */
export interface StageConfig {
  name: string;
  /**
   * The region the stage deploys to, pinned so that a deploy never lands wherever the
   * operator's shell points (`-c region=...` overrides it). Names of account-wide resources
   * (dashboard, API, authorizer) include it, so one stage can exist in two regions.
   */
  region: string;
  /** Keep data (tables, logs) when the stack is deleted. */
  retainData: boolean;
  memoryMb: number;
  /** Lambda timeout; must exceed the app's DynamoDB budget and stay under API Gateway's 29 s. */
  timeoutSeconds: number;
  logRetentionDays: 7 | 14 | 30 | 90 | 365;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Stage throttling: steady requests/s and burst. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Browser origins allowed to call the API (CORS allow-list). */
  corsOrigins: string[];
  provisionedConcurrency?: number;
  /**
   * Reserved concurrency: the most instances this function may run at once. It caps cost and
   * protects the account's other functions (and DynamoDB) from a runaway stage; requests over
   * it are throttled (429 through API Gateway). Not used on Managed Instances, whose capacity
   * provider sets the ceiling instead. Unset in dev: a new account's concurrency quota (10)
   * leaves nothing to reserve (Lambda keeps 10 unreserved).
   */
  reservedConcurrency?: number;
  /** Ping the function every 5 minutes so one container stays warm. */
  warmup: boolean;
  /** Shift traffic to a new version 10% for 5 minutes, rolling back on the alarms. */
  canary: boolean;
  /** Require an API key (usage plan with the throttle above). */
  apiKey: boolean;
  /** AWS WAF web ACL: per-IP rate rule (requests per 5 minutes) + AWS managed common rules. */
  waf?: { ratePer5MinutesPerIp: number };
  /** Where alarm notifications go: an e-mail subscription on the alarm topic (`-c alarmEmail=`). */
  alarmEmail?: string;
  /** Refuse to synthesise without `alarmEmail`: alarms that notify no one are not monitoring. */
  requireAlarmEmail: boolean;
  /**
   * Response streaming (`-c streaming=true`): the function's handler is `lambda.streamHandler`
   * and the REST integration runs in STREAM mode (responses past 6 MB, first byte at once, up
   * to 15 minutes). Front doors that cannot stream still get whole responses from it.
   */
  streaming: boolean;
  /**
   * A Lambda Function URL on the alias (`-c functionUrl=true`), IAM-authenticated, with the
   * stage's CORS allow-list; RESPONSE_STREAM when `streaming` is on.
   */
  functionUrl: boolean;
  /**
   * The API Gateway in front (`-c frontDoor=rest|http`): `rest` (REST API: WAF, usage plans,
   * streaming) or `http` (HTTP API, payload 2.0: cheaper, no WAF, no usage plans, no streaming).
   */
  frontDoor: FrontDoor;
  /**
   * Lambda Managed Instances (`-c managedInstances=true`): the function runs on EC2 capacity
   * that Lambda manages, many invocations per execution environment at once.
   */
  managedInstances?: ManagedInstancesConfig;
  /**
   * Set the account-wide API Gateway CloudWatch Logs role (`-c apiGatewayAccountRole=true`):
   * only for an account and region that has none yet, or the REST stage cannot log and fails
   * to deploy. Off by default, as it overwrites the setting for every API in the region.
   */
  apiGatewayAccountRole: boolean;
  /**
   * How bearer tokens are verified (app/auth). Unset: the stack generates an HS256 key in
   * Secrets Manager (JWT_SECRET_ID) and tokens carry the issuer `defaultIssuer(stage)`.
   * `withAuthContext` fills this from `-c jwksUrl=... -c jwtIssuer=...`.
   */
  auth?: StageAuth;
  /**
   * Also verify tokens at the gateway: a Lambda TOKEN authorizer (authorizer.ts) on every
   * method except OPTIONS (CORS preflight) and /health. Requests without a valid token are
   * refused with 401 before they reach the function, so anonymous reads (AUTH_ANONYMOUS_READS)
   * are no longer possible through the gateway. The app still verifies each token and checks
   * scopes per route.
   */
  authorizer: boolean;
}

export type FrontDoor = 'rest' | 'http';

/**
 * Lambda timeout of a streaming stage: a streamed response may take up to 15 minutes, the
 * most both Lambda and a REST integration in STREAM mode allow. Each request's own DynamoDB
 * budget still follows `timeoutSeconds` (LAMBDA_TIMEOUT_S).
 */
export const STREAMING_TIMEOUT_SECONDS = 900;

/** Capacity of the function on Lambda Managed Instances. */
export interface ManagedInstancesConfig {
  /** Concurrent invocations one execution environment serves (AWS_LAMBDA_MAX_CONCURRENCY). */
  perEnvironmentMaxConcurrency: number;
  /** The most execution environments the capacity provider may run. */
  maxEnvironments: number;
}

/** Token verification settings; without `jwksUrl` the stack generates an HS256 key. */
export interface StageAuth {
  /**
   * JWKS of an external issuer, e.g.
   * `https://cognito-idp.<region>.amazonaws.com/<pool-id>/.well-known/jwks.json` (JWKS_URL):
   * no secret is created. Requires `issuer`.
   */
  jwksUrl?: string;
  /** JWT_ISSUER: the `iss` tokens must carry. Default with the generated key: `defaultIssuer`. */
  issuer?: string;
  /** JWT_AUDIENCE: the `aud` tokens must carry, if any (Cognito access tokens carry none). */
  audience?: string;
  /**
   * JWT_SKIP_AUDIENCE: the app requires an audience in production unless told, explicitly,
   * that tokens carry none. Implied with the generated key (no other API holds it); with a
   * JWKS, `-c jwtSkipAudience=true`.
   */
  skipAudience?: boolean;
  /** JWT_SCOPE_PREFIX: stripped from each scope, e.g. a Cognito resource server identifier. */
  scopePrefix?: string;
}

export const STAGES: Record<string, StageConfig> = {
  dev: {
    name: 'dev',
    region: 'eu-west-1',
    requireAlarmEmail: false,
    apiGatewayAccountRole: false,
    streaming: false,
    functionUrl: false,
    frontDoor: 'rest',
    retainData: false,
    memoryMb: 1024,
    timeoutSeconds: 15,
    logRetentionDays: 7,
    logLevel: 'debug',
    throttle: { rateLimit: 50, burstLimit: 100 },
    corsOrigins: ['http://localhost:5173'],
    warmup: false,
    canary: false,
    apiKey: false,
    authorizer: false,
  },
  prod: {
    name: 'prod',
    region: 'eu-west-1',
    reservedConcurrency: 200,
    requireAlarmEmail: true,
    apiGatewayAccountRole: false,
    streaming: false,
    functionUrl: false,
    frontDoor: 'rest',
    retainData: true,
    memoryMb: 1024,
    timeoutSeconds: 15,
    logRetentionDays: 90,
    logLevel: 'info',
    throttle: { rateLimit: 500, burstLimit: 1000 },
    corsOrigins: ['https://app.example.com'],
    provisionedConcurrency: 1,
    warmup: false,
    canary: true,
    apiKey: false,
    authorizer: false,
    waf: { ratePer5MinutesPerIp: 2000 },
  },
};

export function stageConfig(name: string | undefined): StageConfig {
  const stage = STAGES[name ?? 'dev'];
  if (!stage) {
    throw new Error(`Unknown stage "${name}"; use one of: ${Object.keys(STAGES).join(', ')}`);
  }
  return stage;
}

/** The issuer of tokens signed with the stack's generated HS256 key. */
export function defaultIssuer(stage: Pick<StageConfig, 'name'>): string {
  return `https://express-lambda-api/${stage.name}`;
}

const AUTH_CONTEXT = {
  jwksUrl: 'jwksUrl',
  issuer: 'jwtIssuer',
  audience: 'jwtAudience',
  scopePrefix: 'jwtScopePrefix',
} as const satisfies Record<Exclude<keyof StageAuth, 'skipAudience'>, string>;

/**
 * The stage with its token settings taken from CDK context, when given:
 * `-c jwksUrl=https://cognito-idp.<region>.amazonaws.com/<pool-id>/.well-known/jwks.json
 * -c jwtIssuer=https://cognito-idp.<region>.amazonaws.com/<pool-id> [-c jwtAudience=...]
 * [-c jwtScopePrefix=...] [-c jwtSkipAudience=true]`. Context values override the stage's own
 * `auth`. An external issuer needs an audience, or the explicit jwtSkipAudience=true.
 */
export function withAuthContext(
  stage: StageConfig,
  context: (key: string) => unknown,
): StageConfig {
  const auth: StageAuth = { ...stage.auth };
  for (const [field, key] of Object.entries(AUTH_CONTEXT) as [
    keyof typeof AUTH_CONTEXT,
    string,
  ][]) {
    const value = context(key);
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(`Context ${key} must be a non-empty string`);
    }
    auth[field] = value.trim();
  }
  if (auth.jwksUrl !== undefined) {
    if (!/^https:\/\/[^\s/]+\/\S*$/.test(auth.jwksUrl)) {
      throw new Error(`Context jwksUrl must be an https:// URL, got "${auth.jwksUrl}"`);
    }
    if (auth.issuer === undefined) {
      throw new Error(
        'Context jwksUrl needs jwtIssuer too: the `iss` of the tokens that issuer signs ' +
          '(Cognito: https://cognito-idp.<region>.amazonaws.com/<pool-id>)',
      );
    }
  }
  const skip = context('jwtSkipAudience');
  if (skip !== undefined) {
    if (skip !== 'true' && skip !== true) {
      throw new Error(
        'Context jwtSkipAudience can only be true (leave it out to check jwtAudience)',
      );
    }
    auth.skipAudience = true;
  }
  if (auth.jwksUrl !== undefined && auth.audience === undefined && !auth.skipAudience) {
    throw new Error(
      'Context jwksUrl needs jwtAudience (the `aud` its tokens carry), or -c jwtSkipAudience=true ' +
        'when they carry none (Cognito access tokens)',
    );
  }
  return Object.keys(auth).length === 0 ? stage : { ...stage, auth };
}
