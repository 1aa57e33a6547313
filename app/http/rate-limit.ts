import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpProblem } from './http-problem';
import { ProblemTypes } from './problem-types';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
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

/**
 * Per-client request budget (in-process store), keyed by req.clientIp (see request-context:
 * never a client-supplied X-Forwarded-For entry unless trust proxy is configured). Standard `RateLimit`/`RateLimit-Policy`
 * headers; over the limit, a 429 problem with `Retry-After` (set by the library).
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    // IETF draft 7: `RateLimit-Policy: 600;w=60` and `RateLimit: limit=600, remaining=599,
    // reset=60`. (Draft 8 adds a partition key that costs a SHA-256 of the client key per request.)
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // IPv6 clients are keyed by their /56 network so one host cannot rotate addresses.
    keyGenerator: (req) => ipKeyGenerator(req.clientIp),
    validate:
      options.selfChecks === false ? false : { xForwardedForHeader: !options.trustedClientIp },
    handler: (_req, _res, next) => {
      next(
        new HttpProblem(ProblemTypes.tooManyRequests, 'Request budget exhausted; see Retry-After'),
      );
    },
  });
}
