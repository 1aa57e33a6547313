import { NotFoundError, StoreUnavailableError } from '../../app/core/errors';
import { describeFieldErrors } from '../../app/http/error-handler';
import { mapError } from '../../app/http/error-table';
import { ProblemTypes } from '../../app/http/problem-types';

describe('the error table', () => {
  it('maps domain errors by class, with their message and headers', () => {
    expect(mapError(new NotFoundError('no item x'))).toMatchObject({
      problemType: ProblemTypes.notFound,
      detail: 'no item x',
    });
    expect(mapError(new StoreUnavailableError('down', 7))).toMatchObject({
      problemType: ProblemTypes.storeUnavailable,
      headers: { 'Retry-After': '7' },
    });
  });

  it('leaves anything it does not know to the 500 path', () => {
    expect(mapError(new Error('boom'))).toBeUndefined();
    expect(mapError({ status: 500, errors: [] })).toBeUndefined(); // a response contract breach
    expect(mapError('a string')).toBeUndefined();
  });
});

describe('describeFieldErrors', () => {
  it('names the first field error and counts the rest', () => {
    expect(describeFieldErrors(undefined)).toBeUndefined();
    expect(describeFieldErrors([])).toBeUndefined();
    expect(describeFieldErrors([{ path: '/body/name', message: 'is required' }])).toBe(
      '/body/name is required',
    );
    expect(
      describeFieldErrors([
        { path: '/body/name', message: 'is required' },
        { path: '/body/price', message: 'must be string' },
        { path: '/query/x', message: 'is unknown' },
      ]),
    ).toBe('/body/name is required (and 2 more)');
  });
});
