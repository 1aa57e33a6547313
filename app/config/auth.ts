import * as z from 'zod/mini';
import {
  bool,
  int,
  key,
  list,
  parseEnv,
  runtimeShape,
  secretId,
  text,
  url,
  type Environment,
  type Report,
} from './fields';

/**
 * How bearer tokens are verified: the variables, their cross-field rules and the typed result.
 * Shared by the API (index.ts adds these to its schema) and the gateway authorizer, which
 * loads only this (`loadAuthorizerConfig`) and so meets no rule that does not concern it.
 */

const algorithms = list(
  /^(RS|PS|ES)(256|384|512)$|^EdDSA$/,
  'a comma-separated list of asymmetric JWS algorithms (RS, PS or ES with 256, 384 or 512; EdDSA), e.g. RS256,ES256',
);

export const authShape = {
  /** Bearer tokens: exactly one key source. JWT_SECRET (HS256, >= 32 chars) is for non-production. */
  JWT_SECRET: z.optional(key(32)),
  /** Secrets Manager id (name or ARN) holding the HS256 key, read once per Lambda container. */
  JWT_SECRET_ID: z.optional(secretId),
  /** JWKS endpoint of the issuer (e.g. a Cognito user pool's /.well-known/jwks.json). */
  JWKS_URL: z.optional(url('an http:// or https:// URL', /^https?$/)),
  /** SSM parameter holding the JWKS URL, read once per Lambda container. */
  JWKS_URL_PARAM: z.optional(
    text(/^[\w./-]{1,2048}$/, 'an SSM parameter name such as /api/jwks-url'),
  ),
  JWT_ISSUER: z.optional(text()),
  JWT_AUDIENCE: z.optional(text()),
  /**
   * Production requires JWT_AUDIENCE unless this says, explicitly, that tokens carry no
   * audience worth checking (Cognito access tokens have no `aud`; a key only this API holds).
   */
  JWT_SKIP_AUDIENCE: z._default(bool, false),
  /** Signature algorithms accepted from a JWKS (an HS256 secret always means HS256 only). */
  JWT_ALGORITHMS: z._default(algorithms, ['RS256']),
  JWT_CLOCK_TOLERANCE_S: z._default(int(0, 300), 30),
  /** Claim carrying the scopes: `scope` (space-separated, OAuth 2 and Cognito) or `scp` (list). */
  JWT_SCOPE_CLAIM: z._default(
    text(/^[A-Za-z0-9_:.-]+$/, 'a claim name such as scope or scp'),
    'scope',
  ),
  /** Prefix to strip from each scope, e.g. a Cognito resource server `https://api.example.com/`. */
  JWT_SCOPE_PREFIX: z._default(text(), ''),
  /** Reads without a token are allowed unless this is false. */
  AUTH_ANONYMOUS_READS: z._default(bool, true),
};

const authSchema = z.object({ ...runtimeShape, ...authShape });
type AuthEnv = z.output<typeof authSchema>;

/** How bearer tokens are verified (app/auth). One key source is set once start-up completes. */
export interface AuthConfig {
  /** HS256 key: JWT_SECRET, the local .data/ secret (entry/local.ts), or read via secretId. */
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

const KEY_SOURCES = ['JWT_SECRET', 'JWT_SECRET_ID', 'JWKS_URL', 'JWKS_URL_PARAM'] as const;

/** One token key source at most; in production a managed one, and a named issuer. */
export function authRules(env: AuthEnv, report: Report): void {
  const keySources = KEY_SOURCES.filter((name) => env[name] !== undefined);
  if (keySources.length > 1) {
    report(keySources[1] ?? '', `conflicts with ${keySources[0]}: configure one token key source`);
  }
  if (env.JWT_AUDIENCE !== undefined && env.JWT_SKIP_AUDIENCE) {
    report('JWT_SKIP_AUDIENCE', 'conflicts with JWT_AUDIENCE: check the audience, or skip it');
  }
  if (env.NODE_ENV !== 'production') return;
  if (env.JWT_SECRET) {
    report(
      'JWT_SECRET',
      'must not be a plain variable in production; use JWT_SECRET_ID or JWKS_URL',
    );
  } else if (keySources.length === 0) {
    report('JWT_SECRET_ID', 'or JWKS_URL or JWKS_URL_PARAM is required in production');
  }
  if (!env.JWT_ISSUER) report('JWT_ISSUER', 'is required in production');
  if (env.JWT_AUDIENCE === undefined && !env.JWT_SKIP_AUDIENCE) {
    report(
      'JWT_AUDIENCE',
      'is required in production (or set JWT_SKIP_AUDIENCE=true when tokens carry no audience)',
    );
  }
  if (env.JWKS_URL !== undefined && !trustedTransport(env.JWKS_URL)) {
    report('JWKS_URL', 'must be an https:// URL in production (plain http only on loopback)');
  }
}

/**
 * Keys fetched over plain http could be swapped by anyone on the path; only https, or a
 * loopback address (a sidecar on the same host, the benchmark's local issuer), where no
 * network is crossed.
 */
function trustedTransport(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['127.0.0.1', '[::1]', 'localhost'].includes(hostname);
}

export function toAuthConfig(e: AuthEnv): AuthConfig {
  return {
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
  };
}

/** All the gateway authorizer (authorizer.ts) reads: its environment, log level and auth. */
export interface AuthorizerConfig {
  env: Environment;
  logLevel: string;
  auth: AuthConfig;
}

export function loadAuthorizerConfig(env: NodeJS.ProcessEnv = process.env): AuthorizerConfig {
  const e = parseEnv(authSchema, env, [authRules]);
  return { env: e.NODE_ENV, logLevel: e.LOG_LEVEL, auth: toAuthConfig(e) };
}
