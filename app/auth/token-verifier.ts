import type { JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import type { AuthConfig } from '../config/auth';
import { ConfigError } from '../config/fields';
import type { Caller } from './caller';
import { issuerKeys } from './issuer-keys';
import type * as JoseVerify from './jose-verify';

/** The token is not acceptable: a 401 with `error="invalid_token"`. */
export class InvalidTokenError extends Error {
  constructor(readonly description: string) {
    super(description);
    this.name = 'InvalidTokenError';
  }
}

/** The issuer's keys could not be fetched: not the caller's fault, a 503. */
export class TokenKeysUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('The token signing keys could not be fetched', options);
    this.name = 'TokenKeysUnavailableError';
  }
}

export type TokenVerifier = (token: string) => Promise<Caller>;

/** Verified tokens remembered per container, and for how long at most. */
const CACHE_ENTRIES = 1000;
const CACHE_MAX_AGE_MS = 5 * 60_000;

let jose: typeof JoseVerify | undefined;

/**
 * jose, loaded by the first token to verify, not at start-up: a container whose requests carry
 * no token (health checks, anonymous reads) never evaluates it. In dist/lambda.js jose stays in
 * the bundle, in a closure esbuild runs on this `require` (see jose-verify.ts).
 */
function loadJose(): typeof JoseVerify {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
  return (jose ??= require('./jose-verify') as typeof JoseVerify);
}

/**
 * Verifies bearer tokens with jose: signature (HS256 secret, or the issuer's JWKS with the
 * configured asymmetric algorithms; `alg: none` and every other algorithm are refused),
 * issuer, expiry with clock tolerance, audience when configured. `sub` and `exp` are required.
 */
export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const options: JWTVerifyOptions = {
    issuer: auth.issuer,
    audience: auth.audience,
    clockTolerance: auth.clockToleranceS,
    requiredClaims: ['exp', 'sub'],
  };
  let verify: (token: string) => Promise<JWTPayload>;
  if (auth.secret !== undefined) {
    const key = new TextEncoder().encode(auth.secret);
    const hs256 = { ...options, algorithms: ['HS256'] };
    verify = async (token) => (await loadJose().jwtVerify(token, key, hs256)).payload;
  } else if (auth.jwksUrl !== undefined) {
    const url = new URL(auth.jwksUrl); // checked now: a bad URL fails start-up, not a request
    const asymmetric = { ...options, algorithms: auth.jwksAlgorithms };
    // Created, and first downloaded, by the first token to verify (issuer-keys.ts); then
    // cached, and an unknown `kid` refetches at most every 30 s. Not prefetched at init: that
    // added to every cold start, and hid little of the download from a first request carrying
    // a token, since the download only progresses when init yields to the event loop.
    let keys: JWTVerifyGetKey | undefined;
    verify = async (token) => {
      const jose = loadJose();
      keys ??= issuerKeys(url, jose, {
        timeoutMs: 3000,
        cooldownMs: 30_000,
        maxAgeMs: 10 * 60_000,
      });
      return (await jose.jwtVerify(token, keys, asymmetric)).payload;
    };
  } else {
    throw new ConfigError([
      'JWT_SECRET, JWT_SECRET_ID, JWKS_URL or JWKS_URL_PARAM: no token key source is configured',
    ]);
  }
  // A client sends the same token with every request until it expires; verifying it again
  // (an RS256 signature check costs about 0.1-0.2 ms) would be most of a warm request's work.
  // Only successes are kept, keyed by the exact token, and never past the token's own expiry
  // (plus the clock tolerance jose allows) nor longer than 5 minutes.
  const verified = new Map<string, { caller: Caller; until: number }>();
  return async (token) => {
    const now = Date.now();
    const hit = verified.get(token);
    if (hit && now < hit.until) return hit.caller;
    if (hit) verified.delete(token);
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (err) {
      throw translate(err);
    }
    // jose checks that `sub` is present, not what it holds: an object would fail later as a
    // 500, and an empty string would make every such token one caller (one rate-limit budget).
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new InvalidTokenError('The token\'s "sub" claim is not acceptable');
    }
    const caller: Caller = {
      subject: payload.sub,
      scopes: scopesOf(payload[auth.scopeClaim], auth.scopePrefix),
    };
    const expiresMs = ((payload.exp as number) + auth.clockToleranceS) * 1000; // exp required
    if (verified.size >= CACHE_ENTRIES) verified.delete(verified.keys().next().value as string);
    verified.set(token, { caller, until: Math.min(expiresMs, now + CACHE_MAX_AGE_MS) });
    return caller;
  };
}

/**
 * `scope: "a b"` (OAuth 2, Cognito) or `scp: ["a", "b"]` (Okta, Entra). With a prefix (a
 * Cognito resource server's identifier), only the scopes carrying it count, prefix stripped:
 * another resource server's `items:write` is not this API's.
 */
export function scopesOf(claim: unknown, prefix: string): ReadonlySet<string> {
  const raw =
    typeof claim === 'string'
      ? claim.split(/\s+/)
      : Array.isArray(claim)
        ? claim.filter((s): s is string => typeof s === 'string')
        : [];
  const scopes = raw.filter((s) => s.length > 0);
  if (!prefix) return new Set(scopes);
  return new Set(
    scopes
      .filter((s) => s.startsWith(prefix) && s.length > prefix.length)
      .map((s) => s.slice(prefix.length)),
  );
}

/** Called only for a failed `verify`, which has loaded jose. */
function translate(err: unknown): Error {
  const { errors } = loadJose();
  if (err instanceof errors.JWTExpired) return new InvalidTokenError('The token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    return new InvalidTokenError(`The token's "${err.claim}" claim is not acceptable`);
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) {
    return new InvalidTokenError('The token is signed with an algorithm that is not accepted');
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return new InvalidTokenError('The token signature is not valid');
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return new InvalidTokenError('No trusted key matches the token');
  }
  if (err instanceof errors.JOSEError && !(err instanceof errors.JWKSInvalid)) {
    return new InvalidTokenError('The token is malformed');
  }
  // The issuer's fault, never the token's, so not a 401 charged to the client: its key set
  // could not be had (IssuerKeysUnavailableError: an outage, a redirect, a timeout) or is not
  // one (JWKSInvalid); or anything unexpected.
  return new TokenKeysUnavailableError({ cause: err });
}
