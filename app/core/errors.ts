/**
 * Errors the domain and storage layers raise. They say what went wrong in domain terms;
 * the HTTP error handler (app/http/error-handler.ts) decides what status each becomes.
 */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A conditional write lost: the caller's If-Match no longer matches the stored version. */
export class PreconditionFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionFailedError';
  }
}

export class InvalidCursorError extends Error {
  constructor(message = 'The cursor is malformed, tampered with, or belongs to another query') {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

/** The store could not be reached or did not answer in time; the request may be retried. */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The store accepted the request but did not answer within the configured budget. */
export class StoreTimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreTimeoutError';
  }
}

/** An Idempotency-Key was used before with a different request body. */
export class IdempotencyKeyReusedError extends Error {
  constructor(message = 'This Idempotency-Key was already used with a different request body') {
    super(message);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The first request with this Idempotency-Key has not finished yet. */
export class IdempotencyInProgressError extends Error {
  constructor(message = 'A request with this Idempotency-Key is still in progress; retry later') {
    super(message);
    this.name = 'IdempotencyInProgressError';
  }
}
