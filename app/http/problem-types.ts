/**
 * Every problem type this API returns, in one place. `type` URIs and titles are stable:
 * clients may switch on them. The URIs are identifiers; they need not resolve.
 */
const BASE = 'https://express-lambda-api.dev/problems/';

export const ProblemTypes = {
  validation: { type: `${BASE}validation-error`, title: 'Request validation failed', status: 400 },
  malformedJson: { type: `${BASE}malformed-json`, title: 'Malformed JSON body', status: 400 },
  invalidCursor: { type: `${BASE}invalid-cursor`, title: 'Invalid cursor', status: 400 },
  unauthorized: { type: `${BASE}unauthorized`, title: 'Authentication required', status: 401 },
  forbidden: { type: `${BASE}forbidden`, title: 'Insufficient scope', status: 403 },
  notFound: { type: `${BASE}not-found`, title: 'Resource not found', status: 404 },
  methodNotAllowed: {
    type: `${BASE}method-not-allowed`,
    title: 'Method not allowed',
    status: 405,
  },
  preconditionFailed: {
    type: `${BASE}precondition-failed`,
    title: 'Precondition failed',
    status: 412,
  },
  idempotencyInProgress: {
    type: `${BASE}idempotency-in-progress`,
    title: 'A request with this Idempotency-Key is in progress',
    status: 409,
  },
  idempotencyKeyReused: {
    type: `${BASE}idempotency-key-reused`,
    title: 'Idempotency-Key reused with a different request',
    status: 422,
  },
  payloadTooLarge: { type: `${BASE}payload-too-large`, title: 'Payload too large', status: 413 },
  uriTooLong: { type: `${BASE}uri-too-long`, title: 'URI too long', status: 414 },
  unsupportedMediaType: {
    type: `${BASE}unsupported-media-type`,
    title: 'Unsupported media type',
    status: 415,
  },
  tooManyRequests: { type: `${BASE}rate-limited`, title: 'Too many requests', status: 429 },
  internal: { type: `${BASE}internal-error`, title: 'Internal server error', status: 500 },
  responseTooLarge: {
    type: `${BASE}response-too-large`,
    title: 'Response too large for a buffered Lambda response',
    status: 500,
  },
  storeUnavailable: {
    type: `${BASE}store-unavailable`,
    title: 'Storage unavailable',
    status: 503,
  },
  authUnavailable: {
    type: `${BASE}auth-unavailable`,
    title: 'Token keys unavailable',
    status: 503,
  },
  storeTimeout: { type: `${BASE}store-timeout`, title: 'Storage timed out', status: 504 },
} as const;

export type ProblemType = (typeof ProblemTypes)[keyof typeof ProblemTypes];
