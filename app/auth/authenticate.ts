import type { RequestHandler } from 'express';
import { HttpProblem } from '../http/http-problem';
import { ProblemTypes } from '../http/problem-types';
import { bearerChallenge } from './challenge';
import { InvalidTokenError, TokenKeysUnavailableError, type TokenVerifier } from './token-verifier';

/** RFC 6750 `b64token`, the only credential syntax accepted after "Bearer ". */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Verifies the bearer token when one is present and attaches the caller. No token: the
 * request goes on anonymous (whether that is enough is the contract's `security`, enforced by
 * the validator's security handler). A token that is present but invalid is a 401 on every
 * route. Each failure first passes through `countFailure` (the failed-authentication rate
 * limiter, keyed by client IP), which answers 429 instead once an IP fails too often.
 */
export function authenticate(verify: TokenVerifier, countFailure: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      next();
      return;
    }
    const reject = (description: string, error: 'invalid_request' | 'invalid_token') => {
      const challenge = bearerChallenge({ error, description });
      countFailure(req, res, (err?: unknown) => {
        next(
          err ??
            new HttpProblem(ProblemTypes.unauthorized, description, {
              headers: { 'WWW-Authenticate': challenge },
            }),
        );
      });
    };
    const match = BEARER.exec(header);
    if (!match) {
      reject('Expected "Authorization: Bearer <token>"', 'invalid_request');
      return;
    }
    verify(match[1] as string).then(
      (caller) => {
        req.caller = caller;
        next();
      },
      (err: unknown) => {
        if (err instanceof InvalidTokenError) reject(err.description, 'invalid_token');
        else if (err instanceof TokenKeysUnavailableError) {
          next(
            new HttpProblem(ProblemTypes.authUnavailable, err.message, {
              headers: { 'Retry-After': '5' },
              cause: err.cause,
            }),
          );
        } else next(err);
      },
    );
  };
}
