import { StoreUnavailableError } from '../errors';

/** SDK/network failures that mean "the store is not answering right now", not "bad request". */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
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
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const CODE_IN_MESSAGE = new RegExp(`\\b(${[...UNAVAILABLE_CODES].join('|')})\\b`);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: { code?: unknown };
}

/**
 * Turns "could not talk to the store" errors into StoreUnavailableError (503, Retry-After);
 * anything else is returned unchanged (a bug or a misconfiguration: a 500).
 * Duck-typed, not `instanceof`: errors may come from another realm (Jest's VM, bundles), and
 * the SDK sometimes wraps a network error keeping only its message.
 */
export function classifyStoreError(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const e = err as ErrorLike;
  const codes = [e.code, e.cause?.code].filter((c): c is string => typeof c === 'string');
  const unavailable =
    (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) ||
    codes.some((c) => UNAVAILABLE_CODES.has(c)) ||
    (typeof e.message === 'string' && CODE_IN_MESSAGE.test(e.message));
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
