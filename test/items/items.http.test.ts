import type { ProblemBody } from '../../app/http/problem-response';
import { startTestApi, type TestApi } from '../support/test-app';

interface ItemBody {
  id: string;
  name: string;
  description?: string;
  price?: number;
  tags: string[];
  status: 'active' | 'archived';
  version: number;
  createdAt: string;
  updatedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

async function createItem(body: Record<string, unknown> = { name: 'Widget' }): Promise<ItemBody> {
  const res = await t.api.post('/v1/items', body);
  expect(res.status).toBe(201);
  return res.body as ItemBody;
}

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  type: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.body as ProblemBody;
  expect(problem.status).toBe(status);
  expect(problem.type).toBe(`https://express-lambda-api.dev/problems/${type}`);
  expect(problem.requestId).toBe(res.headers['x-request-id']);
  return problem;
}

describe('POST /v1/items', () => {
  it('creates an item with server-generated id, defaults, Location and a strong ETag', async () => {
    const res = await t.api.post('/v1/items', { name: 'Widget' });
    expect(res.status).toBe(201);
    const item = res.body as ItemBody;
    expect(item.id).toMatch(UUID);
    expect(item).toEqual({
      id: item.id,
      name: 'Widget',
      tags: [],
      status: 'active',
      version: 1,
      createdAt: item.createdAt,
      updatedAt: item.createdAt,
    });
    expect(res.headers.location).toBe(`/v1/items/${item.id}`);
    expect(res.headers.etag).toBe('"v1"');
  });

  it('stores every optional field', async () => {
    const item = await createItem({
      name: 'Full',
      description: 'All the fields',
      price: 12.5,
      tags: ['a', 'b'],
      status: 'archived',
    });
    const read = await t.api.get(`/v1/items/${item.id}`);
    expect(read.body).toMatchObject({
      name: 'Full',
      description: 'All the fields',
      price: 12.5,
      tags: ['a', 'b'],
      status: 'archived',
    });
  });

  it.each([
    ['missing name', {}, '/body/name'],
    ['empty name', { name: '' }, '/body/name'],
    ['blank name', { name: '   ' }, '/body/name'],
    ['name too long', { name: 'x'.repeat(201) }, '/body/name'],
    ['description too long', { name: 'a', description: 'x'.repeat(2001) }, '/body/description'],
    ['negative price', { name: 'a', price: -1 }, '/body/price'],
    ['price as string', { name: 'a', price: '3' }, '/body/price'],
    ['duplicate tags', { name: 'a', tags: ['x', 'x'] }, '/body/tags'],
    [
      'too many tags',
      { name: 'a', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      '/body/tags',
    ],
    ['empty tag', { name: 'a', tags: [''] }, '/body/tags/0'],
    ['tag too long', { name: 'a', tags: ['x'.repeat(51)] }, '/body/tags/0'],
    ['unknown status', { name: 'a', status: 'deleted' }, '/body/status'],
    ['unknown property', { name: 'a', colour: 'red' }, '/body/colour'],
    ['client-chosen id', { name: 'a', id: MISSING_ID }, '/body/id'],
  ])('rejects %s with 400 naming the field', async (_case, body, path) => {
    const res = await t.api.post('/v1/items', body);
    const problem = expectProblem(res, 400, 'validation-error');
    expect(problem.errors?.map((e) => e.path)).toContain(path);
  });

  it('accepts boundary values', async () => {
    const item = await createItem({
      name: 'x'.repeat(200),
      description: 'd'.repeat(2000),
      price: 0,
      tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, 'y')),
    });
    expect(item.tags).toHaveLength(20);
    expect(item.price).toBe(0);
  });

  it('keeps prices DynamoDB numbers cannot hold, exactly', async () => {
    const item = await createItem({ name: 'tiny', price: 1e-200 });
    const read = await t.api.get(`/v1/items/${item.id}`);
    expect((read.body as ItemBody).price).toBe(1e-200);
  });
});

describe('GET /v1/items/{id}', () => {
  it('returns the item with its ETag', async () => {
    const item = await createItem();
    const res = await t.api.get(`/v1/items/${item.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(item);
    expect(res.headers.etag).toBe('"v1"');
  });

  it('returns 304 with the ETag when If-None-Match matches (weak comparison, lists, *)', async () => {
    const item = await createItem();
    for (const header of ['"v1"', 'W/"v1"', '"v9", "v1"', '*']) {
      const res = await t.api.get(`/v1/items/${item.id}`, { 'If-None-Match': header });
      expect(res.status).toBe(304);
      expect(res.headers.etag).toBe('"v1"');
      expect(res.text).toBe('');
    }
  });

  it('returns 200 when If-None-Match does not match', async () => {
    const item = await createItem();
    const res = await t.api.get(`/v1/items/${item.id}`, { 'If-None-Match': '"v2"' });
    expect(res.status).toBe(200);
  });

  it('returns 404 for an unknown id', async () => {
    const res = await t.api.get(`/v1/items/${MISSING_ID}`);
    expectProblem(res, 404, 'not-found');
  });

  it.each([
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    'ABCDEF00-0000-4000-8000-00000000000A',
    '%2e%2e',
  ])('returns 400 for the malformed id %s', async (id) => {
    const res = await t.api.get(`/v1/items/${id}`);
    const problem = expectProblem(res, 400, 'validation-error');
    expect(problem.errors?.[0]?.path).toBe('/params/id');
  });
});

describe('HEAD', () => {
  it('answers HEAD for an item with the GET headers and no body', async () => {
    const item = await createItem();
    const get = await t.api.get(`/v1/items/${item.id}`);
    const head = await t.api.head(`/v1/items/${item.id}`);
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.etag).toBe('"v1"');
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
  });

  it('answers HEAD for the list, health, readiness and a missing item', async () => {
    expect((await t.api.head('/v1/items')).status).toBe(200);
    expect((await t.api.head('/health')).status).toBe(200);
    expect((await t.api.head('/health/ready')).status).toBe(200);
    const missing = await t.api.head(`/v1/items/${MISSING_ID}`);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
  });

  it('answers 304 to HEAD with a matching If-None-Match', async () => {
    const item = await createItem();
    const res = await t.api.head(`/v1/items/${item.id}`, { 'If-None-Match': '"v1"' });
    expect(res.status).toBe(304);
  });
});

describe('PUT /v1/items/{id}', () => {
  it('replaces the item, removes omitted optional fields and bumps the version', async () => {
    const item = await createItem({ name: 'Old', description: 'gone soon', price: 3, tags: ['x'] });
    const res = await t.api.put(`/v1/items/${item.id}`, { name: 'New', status: 'archived' });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    expect(res.body).toEqual({
      id: item.id,
      name: 'New',
      tags: [],
      status: 'archived',
      version: 2,
      createdAt: item.createdAt,
      updatedAt: (res.body as ItemBody).updatedAt,
    });
    expect((await t.api.get(`/v1/items/${item.id}`)).body).toEqual(res.body);
  });

  it('honours a matching If-Match and *', async () => {
    const item = await createItem();
    const first = await t.api.put(`/v1/items/${item.id}`, { name: 'B' }, { 'If-Match': '"v1"' });
    expect(first.status).toBe(200);
    const second = await t.api.put(`/v1/items/${item.id}`, { name: 'C' }, { 'If-Match': '*' });
    expect(second.status).toBe(200);
    expect(second.headers.etag).toBe('"v3"');
    const listed = await t.api.put(
      `/v1/items/${item.id}`,
      { name: 'D' },
      { 'If-Match': '"v1", "v3"' },
    );
    expect(listed.status).toBe(200);
  });

  it.each(['"v7"', 'W/"v1"', 'garbage'])(
    'returns 412 for the stale or unusable If-Match %s and changes nothing',
    async (ifMatch) => {
      const item = await createItem({ name: 'Keep' });
      const res = await t.api.put(
        `/v1/items/${item.id}`,
        { name: 'Lost' },
        { 'If-Match': ifMatch },
      );
      expectProblem(res, 412, 'precondition-failed');
      const read = await t.api.get(`/v1/items/${item.id}`);
      expect(read.body).toEqual(item);
    },
  );

  it('returns 404 for an unknown id (no upsert), even with If-Match', async () => {
    expectProblem(await t.api.put(`/v1/items/${MISSING_ID}`, { name: 'x' }), 404, 'not-found');
    expectProblem(
      await t.api.put(`/v1/items/${MISSING_ID}`, { name: 'x' }, { 'If-Match': '"v1"' }),
      404,
      'not-found',
    );
    expectProblem(await t.api.get(`/v1/items/${MISSING_ID}`), 404, 'not-found');
  });

  it('validates the body like create', async () => {
    const item = await createItem();
    const res = await t.api.put(`/v1/items/${item.id}`, { description: 'no name' });
    expectProblem(res, 400, 'validation-error');
  });
});

describe('PATCH /v1/items/{id}', () => {
  it('merges fields and removes those set to null (RFC 7396)', async () => {
    const item = await createItem({ name: 'P', description: 'd', price: 5, tags: ['a'] });
    const res = await t.api.patch(`/v1/items/${item.id}`, {
      description: null,
      price: 7,
      tags: null,
      status: 'archived',
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    expect(res.body).toEqual({
      id: item.id,
      name: 'P',
      price: 7,
      tags: [],
      status: 'archived',
      version: 2,
      createdAt: item.createdAt,
      updatedAt: (res.body as ItemBody).updatedAt,
    });
  });

  it('leaves absent fields untouched', async () => {
    const item = await createItem({ name: 'P', description: 'keep', tags: ['t'] });
    const res = await t.api.patch(`/v1/items/${item.id}`, { name: 'Q' });
    expect(res.body).toMatchObject({ name: 'Q', description: 'keep', tags: ['t'] });
  });

  it('requires application/merge-patch+json (415 otherwise)', async () => {
    const item = await createItem();
    const res = await t.api.send({
      method: 'PATCH',
      path: `/v1/items/${item.id}`,
      body: { name: 'x' },
      headers: { 'Content-Type': 'application/json' },
    });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it.each([
    ['null name', { name: null }],
    ['null status', { status: null }],
    ['unknown field', { colour: 'red' }],
    ['bad price', { price: -2 }],
  ])('rejects %s with 400', async (_case, body) => {
    const item = await createItem();
    expectProblem(await t.api.patch(`/v1/items/${item.id}`, body), 400, 'validation-error');
  });

  it('returns 412 on a stale If-Match and 404 for an unknown id', async () => {
    const item = await createItem();
    await t.api.patch(`/v1/items/${item.id}`, { name: 'v2' });
    const stale = await t.api.patch(`/v1/items/${item.id}`, { name: 'v3' }, { 'If-Match': '"v1"' });
    expectProblem(stale, 412, 'precondition-failed');
    expectProblem(await t.api.patch(`/v1/items/${MISSING_ID}`, { name: 'x' }), 404, 'not-found');
  });

  it('applies with a matching If-Match', async () => {
    const item = await createItem();
    const res = await t.api.patch(`/v1/items/${item.id}`, { name: 'ok' }, { 'If-Match': '"v1"' });
    expect(res.status).toBe(200);
  });
});

describe('DELETE /v1/items/{id}', () => {
  it('deletes and then answers 404', async () => {
    const item = await createItem();
    const res = await t.api.delete(`/v1/items/${item.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectProblem(await t.api.get(`/v1/items/${item.id}`), 404, 'not-found');
    expectProblem(await t.api.delete(`/v1/items/${item.id}`), 404, 'not-found');
  });

  it('returns 412 on a stale If-Match and keeps the item', async () => {
    const item = await createItem();
    expectProblem(
      await t.api.delete(`/v1/items/${item.id}`, { 'If-Match': '"v2"' }),
      412,
      'precondition-failed',
    );
    expect((await t.api.get(`/v1/items/${item.id}`)).status).toBe(200);
    expect((await t.api.delete(`/v1/items/${item.id}`, { 'If-Match': '"v1"' })).status).toBe(204);
  });
});
