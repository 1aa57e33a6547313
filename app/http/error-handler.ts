import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { bearerChallenge } from '../auth/challenge';
import '../auth/caller';
import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  InvalidCursorError,
  NotFoundError,
  PreconditionFailedError,
  StoreTimeoutError,
  StoreUnavailableError,
} from '../errors';
import { HttpProblem, type FieldError } from './http-problem';
import { sendProblem } from './problem-response';
import { ProblemTypes, type ProblemType } from './problem-types';

/** Shape of errors raised by express-openapi-validator (its HttpError is not exported). */
interface ValidatorError {
  status: number;
  message: string;
  errors: { path: string; message: string; errorCode?: string }[];
  headers?: Record<string, string>;
}

/** Shape of errors raised by body-parser (express.json). */
interface BodyParserError {
  type: string;
  status?: number;
}

function isValidatorError(err: unknown): err is ValidatorError {
  const e = err as Partial<ValidatorError> | null;
  return typeof e?.status === 'number' && Array.isArray(e.errors);
}

function isBodyParserError(err: unknown): err is BodyParserError {
  const e = err as Partial<BodyParserError> | null;
  return typeof e?.type === 'string' && typeof e.status === 'number' && err instanceof Error;
}

/** body-parser passes zlib's error through (no `type`) when a gzip/deflate/br body is corrupt. */
function isUndecodableBody(err: unknown): boolean {
  const e = err as { code?: unknown; status?: unknown } | null;
  return typeof e?.code === 'string' && e.code.startsWith('Z_') && e.status === 400;
}

interface Mapped {
  problemType: ProblemType;
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

const BODY_PARSER_PROBLEMS: Record<string, Mapped> = {
  'entity.parse.failed': {
    problemType: ProblemTypes.malformedJson,
    detail: 'The body is not valid JSON',
  },
  'entity.too.large': {
    problemType: ProblemTypes.payloadTooLarge,
    detail: 'The body exceeds the size limit',
  },
  'parameters.too.many': {
    problemType: ProblemTypes.payloadTooLarge,
    detail: 'Too many parameters',
  },
  'encoding.unsupported': {
    problemType: ProblemTypes.unsupportedMediaType,
    detail: 'Unsupported content encoding',
  },
  'charset.unsupported': {
    problemType: ProblemTypes.unsupportedMediaType,
    detail: 'Unsupported charset; use utf-8',
  },
  'request.size.invalid': {
    problemType: ProblemTypes.validation,
    detail: 'Content-Length does not match the body',
  },
  'request.aborted': { problemType: ProblemTypes.validation, detail: 'The request was aborted' },
};

const VALIDATOR_PROBLEMS: Record<number, ProblemType> = {
  400: ProblemTypes.validation,
  401: ProblemTypes.unauthorized, // security handlers (app/auth/security-handlers.ts)
  403: ProblemTypes.forbidden,
  404: ProblemTypes.notFound,
  405: ProblemTypes.methodNotAllowed,
  413: ProblemTypes.payloadTooLarge,
  415: ProblemTypes.unsupportedMediaType,
};

/** Maps anything thrown to a problem; undefined means "unexpected" (a 500). */
function mapError(err: unknown): Mapped | undefined {
  if (err instanceof HttpProblem) {
    return {
      problemType: err.problemType,
      detail: err.detail,
      errors: err.extras.errors,
      headers: err.extras.headers,
    };
  }
  if (err instanceof NotFoundError)
    return { problemType: ProblemTypes.notFound, detail: err.message };
  if (err instanceof PreconditionFailedError) {
    return { problemType: ProblemTypes.preconditionFailed, detail: err.message };
  }
  if (err instanceof IdempotencyKeyReusedError) {
    return { problemType: ProblemTypes.idempotencyKeyReused, detail: err.message };
  }
  if (err instanceof IdempotencyInProgressError) {
    return {
      problemType: ProblemTypes.idempotencyInProgress,
      detail: err.message,
      headers: { 'Retry-After': '1' },
    };
  }
  if (err instanceof InvalidCursorError)
    return { problemType: ProblemTypes.invalidCursor, detail: err.message };
  if (err instanceof StoreUnavailableError) {
    return {
      problemType: ProblemTypes.storeUnavailable,
      detail: err.message,
      headers: { 'Retry-After': String(err.retryAfterSeconds) },
    };
  }
  if (err instanceof StoreTimeoutError) {
    return { problemType: ProblemTypes.storeTimeout, detail: err.message };
  }
  if (isBodyParserError(err)) return BODY_PARSER_PROBLEMS[err.type];
  if (isUndecodableBody(err)) {
    return {
      problemType: ProblemTypes.malformedJson,
      detail: 'The body does not match its Content-Encoding',
    };
  }
  if (isValidatorError(err)) {
    const problemType = VALIDATOR_PROBLEMS[err.status];
    if (!problemType) return undefined; // e.g. a response that breaks the contract: a bug, a 500
    return {
      problemType,
      detail: err.status === 400 ? undefined : err.message,
      errors:
        err.status === 400
          ? err.errors.map((e) => ({ path: e.path, message: e.message, code: e.errorCode }))
          : undefined,
      headers: err.headers,
    };
  }
  return undefined;
}

/** The one error handler: every failure leaves as application/problem+json, never a stack. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a problem body; let Express end the connection.
      next(err);
      return;
    }
    const mapped = mapError(err);
    if (!mapped) {
      logger.error(
        { err, requestId: req.id, method: req.method, path: req.path },
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
      res.setHeader('WWW-Authenticate', req.authChallenge ?? bearerChallenge());
    }
    sendProblem(req, res, mapped.problemType, mapped.detail, mapped.errors);
  };
}

/** Reached only for paths the validator does not manage (everything it manages is matched). */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpProblem(ProblemTypes.notFound, `No route for ${req.method} ${req.path}`));
  };
}
