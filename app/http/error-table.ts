import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  InvalidCursorError,
  NotFoundError,
  PreconditionFailedError,
  StoreTimeoutError,
  StoreUnavailableError,
} from '../core/errors';
import { HttpProblem, type FieldError } from './http-problem';
import { ProblemTypes, type ProblemType } from './problem-types';

/** What an error becomes: its problem type, and what the response adds to it. */
export interface MappedProblem {
  problemType: ProblemType;
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

interface ErrorRow {
  matches(err: unknown): boolean;
  map(err: unknown): MappedProblem | undefined;
}

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** A row for errors of one class (and its subclasses). */
function row<E extends Error>(type: ErrorClass<E>, map: (err: E) => MappedProblem): ErrorRow {
  return { matches: (err) => err instanceof type, map: (err) => map(err as E) };
}

/** The common case: the problem type, the error's own message as detail, maybe headers. */
const as =
  (problemType: ProblemType, headers?: (err: Error) => Record<string, string>) =>
  (err: Error): MappedProblem => ({ problemType, detail: err.message, headers: headers?.(err) });

/**
 * Our own errors: HttpProblem, which knows its problem, then the domain and storage errors
 * (app/core/errors.ts), which say what went wrong in domain terms. A new domain error is one
 * row here.
 */
const OWN_ERRORS: ErrorRow[] = [
  row(HttpProblem, (err) => ({
    problemType: err.problemType,
    detail: err.detail,
    errors: err.extras.errors,
    headers: err.extras.headers,
  })),
  row(NotFoundError, as(ProblemTypes.notFound)),
  row(PreconditionFailedError, as(ProblemTypes.preconditionFailed)),
  row(IdempotencyKeyReusedError, as(ProblemTypes.idempotencyKeyReused)),
  row(
    IdempotencyInProgressError,
    as(ProblemTypes.idempotencyInProgress, () => ({ 'Retry-After': '1' })),
  ),
  row(InvalidCursorError, as(ProblemTypes.invalidCursor)),
  row(StoreUnavailableError, (err) => ({
    problemType: ProblemTypes.storeUnavailable,
    detail: err.message,
    headers: { 'Retry-After': String(err.retryAfterSeconds) },
  })),
  row(StoreTimeoutError, as(ProblemTypes.storeTimeout)),
];

/** Shape of errors raised by body-parser (express.json). */
interface BodyParserError {
  type: string;
  status?: number;
}

const BODY_PARSER_PROBLEMS: Record<string, MappedProblem> = {
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

/** Shape of errors raised by express-openapi-validator (its HttpError is not exported). */
interface ValidatorError {
  status: number;
  message: string;
  errors: { path: string; message: string; errorCode?: string }[];
  headers?: Record<string, string>;
}

const VALIDATOR_PROBLEMS: Record<number, ProblemType> = {
  400: ProblemTypes.validation,
  401: ProblemTypes.unauthorized, // security handlers (app/auth/security-handlers.ts)
  403: ProblemTypes.forbidden,
  404: ProblemTypes.notFound,
  405: ProblemTypes.methodNotAllowed,
  413: ProblemTypes.payloadTooLarge,
  415: ProblemTypes.unsupportedMediaType,
};

/** The libraries' errors, recognised by shape (they export no classes to test against). */
const LIBRARY_ERRORS: ErrorRow[] = [
  {
    // body-parser: a string `type` and a status.
    matches: (err) => {
      const e = err as Partial<BodyParserError> | null;
      return typeof e?.type === 'string' && typeof e.status === 'number' && err instanceof Error;
    },
    map: (err) => BODY_PARSER_PROBLEMS[(err as BodyParserError).type],
  },
  {
    // body-parser passes zlib's error through (no `type`) when a gzip/deflate/br body is
    // corrupt (codes Z_*), or a zstd one (ZSTD_*: Node 24's zlib decodes zstd too).
    matches: (err) => {
      const e = err as { code?: unknown; status?: unknown } | null;
      return typeof e?.code === 'string' && /^(Z|ZSTD)_/.test(e.code) && e.status === 400;
    },
    map: () => ({
      problemType: ProblemTypes.malformedJson,
      detail: 'The body does not match its Content-Encoding',
    }),
  },
  {
    // express-openapi-validator: a numeric status and a list of errors.
    matches: (err) => {
      const e = err as Partial<ValidatorError> | null;
      return typeof e?.status === 'number' && Array.isArray(e.errors);
    },
    map: (err) => {
      const e = err as ValidatorError;
      const problemType = VALIDATOR_PROBLEMS[e.status];
      if (!problemType) return undefined; // e.g. a response that breaks the contract: a bug, a 500
      return {
        problemType,
        detail: e.status === 400 ? undefined : e.message,
        errors:
          e.status === 400
            ? e.errors.map((x) => ({ path: x.path, message: x.message, code: x.errorCode }))
            : undefined,
        headers: e.headers,
      };
    },
  },
];

const ERROR_TABLE = [...OWN_ERRORS, ...LIBRARY_ERRORS];

/** Maps anything thrown to a problem through the table; undefined means "unexpected" (a 500). */
export function mapError(err: unknown): MappedProblem | undefined {
  return ERROR_TABLE.find((r) => r.matches(err))?.map(err);
}
