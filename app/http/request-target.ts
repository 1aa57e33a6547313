import type { RequestHandler } from 'express';
import { HttpProblem } from './http-problem';
import { ProblemTypes } from './problem-types';

/**
 * The longest request target (path and query, as sent: percent-encoded) this API accepts, in
 * bytes. No route of the contract needs more than a few hundred (an item id, a cursor, two
 * filters); a longer one is refused before parsing, validation or routing look at it, so
 * every later stage, logging included, works on bounded input. The README states it.
 */
export const MAX_REQUEST_TARGET_BYTES = 4096;

/** 414 for a request target over MAX_REQUEST_TARGET_BYTES. */
export function limitRequestTarget(): RequestHandler {
  return (req, _res, next) => {
    // The target is ASCII once percent-encoded, so its length is its size in bytes; a raw
    // non-ASCII byte can only make Buffer.byteLength larger, so check that when close.
    const target = req.originalUrl;
    if (
      target.length > MAX_REQUEST_TARGET_BYTES ||
      (target.length > MAX_REQUEST_TARGET_BYTES / 4 &&
        Buffer.byteLength(target) > MAX_REQUEST_TARGET_BYTES)
    ) {
      next(
        new HttpProblem(
          ProblemTypes.uriTooLong,
          `The request target exceeds ${MAX_REQUEST_TARGET_BYTES} bytes`,
        ),
      );
      return;
    }
    next();
  };
}
