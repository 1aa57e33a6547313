import type { ProblemBody } from '../../app/http/problem-response';
import { MAX_REQUEST_TARGET_BYTES } from '../../app/http/request-target';
import { startTestApi, type TestApi } from '../support/test-app';
import type { HttpResponse } from '../support/transport';

/** Details of the contract a client meets at its edges, on every transport. */
let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

function problem(res: HttpResponse, status: number): ProblemBody {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  return res.body as ProblemBody;
}

describe('request targets', () => {
  it(`accepts a request target of exactly ${MAX_REQUEST_TARGET_BYTES} bytes`, async () => {
    const query = '?x=';
    const path = `/health${query}${'a'.repeat(MAX_REQUEST_TARGET_BYTES - '/health'.length - query.length)}`;
    expect(path).toHaveLength(MAX_REQUEST_TARGET_BYTES);
    // Not a 414: the validator has its say (x is no parameter of /health).
    expect((await t.api.get(path)).status).toBe(400);
  });

  it('answers 414 past the limit, before anything else looks at it', async () => {
    const path = `/v1/items/${'a'.repeat(MAX_REQUEST_TARGET_BYTES)}`;
    const p = problem(await t.api.get(path), 414);
    expect(p.type).toBe('https://express-lambda-api.dev/problems/uri-too-long');
    expect(p.detail).toContain(String(MAX_REQUEST_TARGET_BYTES));
  });
});

describe('methods', () => {
  it.each([
    ['POST', '/health'],
    ['PUT', '/v1/items'],
    ['DELETE', '/v1/items'],
  ] as const)(
    'answers %s %s (no such operation) with 405 and Allow, before any body check',
    async (method, path) => {
      const res = await t.api.send({ method, path });
      const p = problem(res, 405);
      expect(p.type).toMatch(/method-not-allowed$/);
      expect(res.headers.allow).toMatch(/GET/);
    },
  );

  it('answers OPTIONS on the contract document with 405 and Allow, like the API routes', async () => {
    for (const path of ['/openapi.json', '/v1/items']) {
      const res = await t.api.send({ method: 'OPTIONS', path });
      problem(res, 405);
      expect(res.headers.allow).toMatch(/GET/);
    }
    expect((await t.api.send({ method: 'POST', path: '/openapi.json' })).status).toBe(405);
  });

  it('still answers a write without a body with 400 on an operation that exists', async () => {
    const p = problem(await t.api.send({ method: 'POST', path: '/v1/items' }), 400);
    expect(p.errors).toEqual([expect.objectContaining({ path: '/body' })]);
  });
});

describe('validation problems', () => {
  it('carry a human-readable detail naming the first field, and how many more', async () => {
    const one = problem(await t.api.post('/v1/items', { name: '' }), 400);
    expect(one.detail).toBe(`${one.errors?.[0]?.path} ${one.errors?.[0]?.message}`);
    expect(one.detail).toContain('/body/name');
    const many = problem(await t.api.get('/v1/items?[a]=1&[b]=2&[c]=3'), 400);
    expect(many.detail).toBe("Unknown query parameter '[a]'");
    expect(many.errors).toHaveLength(3);
    const body = problem(
      await t.api.send({
        method: 'PATCH',
        path: '/v1/items/x',
        headers: { 'Content-Type': 'application/merge-patch+json' },
      }),
      400,
    );
    expect(body.detail).toBe('A request body is required');
    const query = problem(await t.api.get('/v1/items?limit=0'), 400);
    expect(query.detail).toContain('/query/limit');
  });

  it('refuse query keys in bracket notation instead of dropping them', async () => {
    for (const path of ['/v1/items?[x]=1', '/v1/items?status[0]=done', '/v1/items?a[b]=1']) {
      const p = problem(await t.api.get(path), 400);
      expect(p.detail).toMatch(/Unknown query parameter/);
    }
  });
});

describe('/openapi.json', () => {
  it('holds If-None-Match to the same length limit as the API routes', async () => {
    const p = problem(
      await t.api.get('/openapi.json', { 'If-None-Match': `"${'a'.repeat(600)}"` }),
      400,
    );
    expect(p.errors).toEqual([expect.objectContaining({ path: '/headers/if-none-match' })]);
    const etag = (await t.api.get('/openapi.json')).headers.etag as string;
    expect((await t.api.get('/openapi.json', { 'If-None-Match': etag })).status).toBe(304);
  });
});
