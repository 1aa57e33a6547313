import type { RequestHandler } from 'express';
import { HttpProblem } from './http-problem';
import { ProblemTypes } from './problem-types';

/**
 * No parameter of the contract has brackets in its name, yet express-openapi-validator reads
 * `a[b]=1` as bracket notation: it folds the key into `a` and drops it, so `?[x]=1` passed as
 * if absent and `?status[0]=done` as `status=done`. Such keys are unknown parameters, refused
 * here as the validator refuses any other unknown one.
 */
const MAY_HOLD_BRACKET = /[[\]]|%5[bd]/i;

export const rejectBracketedQueryKeys: RequestHandler = (req, _res, next) => {
  // Express parses req.query on every read: look at the raw target first, so the common
  // request (no bracket, plain or encoded) costs one regex test, not a second parse.
  if (!MAY_HOLD_BRACKET.test(req.url)) {
    next();
    return;
  }
  const bracketed = Object.keys(req.query).filter((key) => /[[\]]/.test(key));
  if (bracketed.length === 0) {
    next();
    return;
  }
  next(
    new HttpProblem(ProblemTypes.validation, `Unknown query parameter '${bracketed[0]}'`, {
      errors: bracketed.map((key) => ({
        path: `/query/${key}`,
        message: `Unknown query parameter '${key}'`,
      })),
    }),
  );
};
