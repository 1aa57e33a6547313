import { StoreTimeoutError, StoreUnavailableError } from '../../app/core/errors';
import { classifyStoreError } from '../../app/storage/store-errors';

const named = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...extra });

describe('classifyStoreError', () => {
  it.each([
    [
      'connection refused',
      named('Error', 'connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' }),
    ],
    [
      'a reset connection the SDK calls TimeoutError',
      named('TimeoutError', 'socket hang up', { code: 'ECONNRESET' }),
    ],
    [
      'a connect timeout',
      named(
        'TimeoutError',
        'the request socket did not establish a connection with the server within the configured timeout of 1000 ms.',
      ),
    ],
    ['throttling', named('ThrottlingException', 'Rate exceeded')],
    [
      'an SDK wrapper that kept only the message',
      new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:9'),
    ],
  ])('treats %s as unavailable (503)', (_case, err) => {
    expect(classifyStoreError(err)).toBeInstanceOf(StoreUnavailableError);
  });

  it.each([
    [
      'a request timeout',
      named('TimeoutError', 'a request has exceeded the configured 150 ms requestTimeout.', {
        code: 'ETIMEDOUT',
      }),
    ],
    [
      'an idle socket timeout',
      named('TimeoutError', 'the request socket timed out after 2000 ms of inactivity'),
    ],
  ])('treats %s as a timeout (504)', (_case, err) => {
    expect(classifyStoreError(err)).toBeInstanceOf(StoreTimeoutError);
  });

  it.each([
    [
      'a validation error (a bug)',
      named('ValidationException', 'One or more parameter values were invalid'),
    ],
    [
      'a missing table (misconfiguration)',
      named('ResourceNotFoundException', 'Requested resource not found'),
    ],
    ['a non-error', 'boom'],
  ])('leaves %s alone (500)', (_case, err) => {
    expect(classifyStoreError(err)).toBe(err);
  });
});
