import { HttpProblem } from './http-problem';
import { ProblemTypes } from './problem-types';

/**
 * A list's `limit`, 20 by default. The validator has already checked it against 1..100, but
 * its type coercion lets "Infinity" and "1e400" through as non-finite numbers (ajv skips
 * range checks for those).
 */
export function pageSize(raw: unknown): number {
  const limit = Number(raw ?? 20);
  if (Number.isSafeInteger(limit) && limit >= 1 && limit <= 100) return limit;
  throw new HttpProblem(ProblemTypes.validation, undefined, {
    errors: [{ path: '/query/limit', message: 'must be an integer from 1 to 100' }],
  });
}
