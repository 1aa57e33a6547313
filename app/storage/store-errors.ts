import { StoreTimeoutError, StoreUnavailableError } from '../core/errors';

/** SDK/network failures that mean "the store is not answering right now", not "bad request". */
const UNAVAILABLE_NAMES = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const CODE_IN_MESSAGE = new RegExp(`\\b(${[...UNAVAILABLE_CODES].join('|')})\\b`);

/** Names the SDK gives to "connected, but no answer in time". */
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** The SDK also calls a connect timeout a TimeoutError; that one means unreachable (503). */
const CONNECT_TIMEOUT = /did not establish a connection/;

/** A pooled connection the store closed (it stopped or restarted). */
const CONNECTION_LOST = /socket hang up/;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: { code?: unknown };
}

/**
 * Turns "could not reach the store" errors into StoreUnavailableError (503, Retry-After) and
 * "the store did not answer in time" into StoreTimeoutError (504); anything else is returned
 * unchanged (a bug or a misconfiguration: a 500).
 * Duck-typed, not `instanceof`: errors may come from another realm (Jest's VM, bundles), and
 * the SDK sometimes wraps a network error keeping only its message.
 */
export function classifyStoreError(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const e = err as ErrorLike;
  const codes = [e.code, e.cause?.code].filter((c): c is string => typeof c === 'string');
  const message = typeof e.message === 'string' ? e.message : '';
  // Checked first: the SDK also names a reset connection or a connect timeout "TimeoutError".
  const unavailable =
    (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) ||
    codes.some((c) => UNAVAILABLE_CODES.has(c)) ||
    CONNECT_TIMEOUT.test(message) ||
    CONNECTION_LOST.test(message) ||
    CODE_IN_MESSAGE.test(message);
  const timedOut =
    (typeof e.name === 'string' && TIMEOUT_NAMES.has(e.name)) || codes.includes('ETIMEDOUT');
  if (!unavailable && timedOut) {
    return new StoreTimeoutError('The data store did not answer in time', { cause: err });
  }
  if (!unavailable) return err;
  return new StoreUnavailableError('The data store is not answering; retry shortly', 1, {
    cause: err,
  });
}

/** Runs a store call, translating availability failures. */
export async function callStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw classifyStoreError(err);
  }
}
