import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { forLog } from '../observability/logger';
import { mapError } from './error-table';
import { HttpProblem, type FieldError } from './http-problem';
import { sendProblem } from './problem-response';
import { ProblemTypes } from './problem-types';

export interface ErrorHandlerOptions {
  logger: Logger;
  /**
   * WWW-Authenticate for a 401/403 whose request recorded no challenge of its own
   * (`req.authChallenge`): the authentication scheme's bare challenge (app.ts passes it).
   */
  defaultChallenge: string;
}

/** The one error handler: every failure leaves as application/problem+json, never a stack. */
export function errorHandler({
  logger,
  defaultChallenge,
}: ErrorHandlerOptions): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a problem body (a streamed response had begun): Express closes the
      // connection, so the client sees the body cut short; the cause is only in the log.
      logger.error(
        { err, requestId: req.id, method: req.method, path: forLog(req.path) },
        'error after the response started: connection closed',
      );
      next(err);
      return;
    }
    const mapped = mapError(err);
    if (!mapped) {
      logger.error(
        { err, requestId: req.id, method: req.method, path: forLog(req.path) },
        'unhandled error',
      );
      sendProblem(req, res, ProblemTypes.internal);
      return;
    }
    if (mapped.problemType.status >= 500) {
      logger.warn({ err, requestId: req.id }, mapped.problemType.title);
    }
    for (const [name, value] of Object.entries(mapped.headers ?? {})) res.setHeader(name, value);
    const status = mapped.problemType.status;
    if ((status === 401 || status === 403) && !res.hasHeader('WWW-Authenticate')) {
      res.setHeader('WWW-Authenticate', req.authChallenge ?? defaultChallenge);
    }
    const detail = mapped.detail ?? describeFieldErrors(mapped.errors);
    sendProblem(req, res, mapped.problemType, detail, mapped.errors);
  };
}

/** A one-line, human-readable summary of field errors: the first, and how many more. */
export function describeFieldErrors(errors: FieldError[] | undefined): string | undefined {
  const [first, ...rest] = errors ?? [];
  if (first === undefined) return undefined;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more)`;
  return `${first.path} ${first.message}${more}`;
}

/** Reached only for paths the validator does not manage (everything it manages is matched). */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpProblem(ProblemTypes.notFound, `No route for ${req.method} ${req.path}`));
  };
}
