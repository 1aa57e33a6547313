import type { ProblemType } from './problem-types';

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/**
 * An error that knows the problem details (RFC 9457) it should become. Anything thrown that
 * is not an HttpProblem (and not a recognised library error) becomes a generic 500.
 */
export class HttpProblem extends Error {
  readonly status: number;

  constructor(
    readonly problemType: ProblemType,
    readonly detail?: string,
    readonly extras: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(detail ?? problemType.title, { cause: extras.cause });
    this.name = 'HttpProblem';
    this.status = problemType.status;
  }
}
