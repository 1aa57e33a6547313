import { loadSpec } from '../../app/openapi/spec';
import { dereference } from '../../app/openapi/validator-spec';
import { responseViolations } from '../support/openapi-conformance';
import { listOperations, type OpenApiLike } from '../support/openapi-operations';
import { startTestApi, type TestApi } from '../support/test-app';
import type { HttpRequest } from '../support/transport';

/**
 * The response headers openapi.yaml declares are the ones the API sends, in the declared
 * shapes, on every transport. The fuzzer (test/proof/fuzz.test.ts) checks declared headers
 * too, but never sends an Origin: here every request comes from the allowed test origin, so
 * the CORS headers are there to check, and writes carry the rate-limit headers.
 */
const operations = listOperations(dereference(loadSpec()) as unknown as OpenApiLike);
const operation = (id: string) => {
  const op = operations.find((o) => o.id === id);
  if (!op) throw new Error(`openapi.yaml has no operation ${id}`);
  return op;
};

const ORIGIN = 'https://app.example.com'; // CORS_ORIGINS in test-app.ts
const JSON_TYPE = 'application/json';

let t: TestApi;
let path: string;
beforeAll(async () => {
  t = await startTestApi();
  const created = await t.api.post('/v1/items', { name: 'headers' });
  path = `/v1/items/${(created.body as { id: string }).id}`;
});
afterAll(async () => {
  await t.close();
});

const cases: [string, string, () => HttpRequest][] = [
  ['a create', 'createItem', () => ({ method: 'POST', path: '/v1/items', body: '{"name":"a"}' })],
  ['a read', 'getItem', () => ({ method: 'GET', path })],
  [
    'a conditional read',
    'getItem',
    () => ({ method: 'GET', path, headers: { 'If-None-Match': '"v1"' } }),
  ],
  ['a HEAD', 'headItem', () => ({ method: 'HEAD', path })],
  ['a page', 'listItems', () => ({ method: 'GET', path: '/v1/items?limit=1' })],
  ['an invalid query', 'listItems', () => ({ method: 'GET', path: '/v1/items?limit=0' })],
  [
    'a refused token',
    'getLiveness',
    () => ({ method: 'GET', path: '/health', headers: { Authorization: 'Bearer e30.e30.e30' } }),
  ],
  [
    'a missing item',
    'getItem',
    () => ({ method: 'GET', path: '/v1/items/00000000-0000-4000-8000-000000000000' }),
  ],
  ['the document', 'getOpenApiDocument', () => ({ method: 'GET', path: '/openapi.json' })],
  ['a delete', 'deleteItem', () => ({ method: 'DELETE', path })],
];

describe('declared response headers, for a browser on an allowed origin', () => {
  it.each(cases)('%s answers as declared, CORS headers included', async (_name, id, request) => {
    const req = request();
    const headers = {
      Origin: ORIGIN,
      ...(req.body === undefined ? {} : { 'Content-Type': JSON_TYPE }),
      ...req.headers,
    };
    const res = await t.api.send({ ...req, headers });
    const op = operation(id);
    const getTwin = op.method === 'HEAD' ? operation(id.replace(/^head/, 'get')) : undefined;
    expect(responseViolations(op, res, getTwin)).toEqual([]);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-expose-headers']).toBeDefined();
    expect(res.headers.vary).toBe('Origin');
    if (op.method !== 'GET' && op.method !== 'HEAD') {
      expect(res.headers.ratelimit).toBeDefined();
      expect(res.headers['ratelimit-policy']).toBeDefined();
    }
  });
});
