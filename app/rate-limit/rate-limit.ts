import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { HttpProblem } from '../http/http-problem';
import { ProblemTypes } from '../http/problem-types';

/**
 * Builds a fresh store for one limiter (express-rate-limit refuses a store shared by two
 * limiters). Production: DynamoDB (dynamo-rate-limit-store.ts beside this file), so the budget holds
 * across Lambda containers; the benchmark passes express-rate-limit's MemoryStore.
 */
export type RateLimitStoreFactory = (prefix: string) => Store;

interface CommonOptions {
  windowMs: number;
  createStore: RateLimitStoreFactory;
  /**
   * True when req.clientIp comes from the front door (Lambda) rather than from Express's
   * trust-proxy logic; silences the library's X-Forwarded-For warning, which does not apply.
   */
  trustedClientIp?: boolean;
  /**
   * The library's configuration self-checks run on every request; they catch set-up mistakes
   * in development and tests, and cost every production request for nothing. Off in production.
   */
  selfChecks?: boolean;
}

/** IPv6 clients are keyed by their /56 network, so one host cannot rotate addresses. */
const ipKey = (ip: string) => `ip:${ipKeyGenerator(ip)}`;

function limiter(
  options: CommonOptions & {
    max: number;
    prefix: string;
    key: (req: Parameters<RequestHandler>[0]) => string;
    skip?: (req: Parameters<RequestHandler>[0]) => boolean;
  },
): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    store: options.createStore(options.prefix),
    // IETF draft 7: `RateLimit-Policy: 120;w=60` and `RateLimit: limit=120, remaining=119,
    // reset=60`. (Draft 8 adds a partition key that costs a SHA-256 of the client key per request.)
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: options.key,
    skip: options.skip,
    validate:
      options.selfChecks === false ? false : { xForwardedForHeader: !options.trustedClientIp },
    // Retry-After is set by the library before this runs.
    handler: (_req, _res, next) => {
      next(
        new HttpProblem(ProblemTypes.tooManyRequests, 'Request budget exhausted; see Retry-After'),
      );
    },
  });
}

/**
 * The per-caller budget, shared by every instance through the store. Each counted request
 * costs one store write, so it covers only the configured methods (writes by default). Keyed
 * by the authenticated subject, else by req.clientIp (request-context.ts: the front door's
 * source IP, never a client-supplied X-Forwarded-For entry unless trust proxy says so).
 */
export function callerRateLimiter(
  options: CommonOptions & { max: number; methods: readonly string[] },
): RequestHandler {
  const covered = new Set(options.methods);
  return limiter({
    ...options,
    prefix: 'calls:',
    key: (req) => (req.caller ? `sub:${req.caller.subject}` : ipKey(req.clientIp)),
    skip: (req) => !covered.has(req.method),
  });
}

/**
 * Counts failed authentications per client IP; called by the authenticate middleware only
 * when a token is refused, so valid traffic never pays for it. Over the budget, the caller
 * gets 429 instead of 401.
 */
export function failedAuthRateLimiter(options: CommonOptions & { max: number }): RequestHandler {
  return limiter({ ...options, prefix: 'authfail:', key: (req) => ipKey(req.clientIp) });
}
