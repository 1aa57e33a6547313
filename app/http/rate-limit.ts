import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem } from './http-problem';
import { ProblemTypes } from './problem-types';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
}

/**
 * Per-client request budget (in-process store). Standard `RateLimit`/`RateLimit-Policy`
 * headers; over the limit, a 429 problem with `Retry-After` (set by the library).
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(
        new HttpProblem(ProblemTypes.tooManyRequests, 'Request budget exhausted; see Retry-After'),
      );
    },
  });
}
