import type { ProblemBody } from '../../app/http/problem-response';
import { startTestApi, type TestApi } from '../support/test-app';
import { testToken } from '../support/tokens';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

const key = (name: string) => ({
  'Idempotency-Key': `${name}-${Math.random().toString(36).slice(2)}`,
});

async function countNamed(name: string): Promise<number> {
  const res = await t.api.get('/v1/items?limit=100');
  return (res.body as { items: { name: string }[] }).items.filter((i) => i.name === name).length;
}

describe('POST /v1/items with Idempotency-Key', () => {
  it('returns the original response for a repeat, and creates once', async () => {
    const headers = key('repeat');
    const first = await t.api.post('/v1/items', { name: 'idempotent once' }, headers);
    const again = await t.api.post('/v1/items', { name: 'idempotent once' }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await countNamed('idempotent once')).toBe(1);
  });

  it('answers 422 when the key is reused with a different body, and stores nothing new', async () => {
    const headers = key('mismatch');
    expect((await t.api.post('/v1/items', { name: 'first body' }, headers)).status).toBe(201);
    const res = await t.api.post('/v1/items', { name: 'second body' }, headers);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as ProblemBody).type).toMatch(/idempotency-key-reused$/);
    expect(await countNamed('second body')).toBe(0);
  });

  it('scopes keys to the caller: the same key from two subjects creates two items', async () => {
    const headers = key('shared');
    const alice = { ...headers, Authorization: `Bearer ${await testToken({ subject: 'alice' })}` };
    const bob = { ...headers, Authorization: `Bearer ${await testToken({ subject: 'bob' })}` };
    const a = await t.api.post('/v1/items', { name: 'per caller' }, alice);
    const b = await t.api.post('/v1/items', { name: 'per caller' }, bob);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((a.body as { id: string }).id).not.toBe((b.body as { id: string }).id);
  });

  it('keeps callers apart even when subject and key hold the separator', async () => {
    const suffix = Math.random().toString(36).slice(2);
    const alice = `Bearer ${await testToken({ subject: 'alice' })}`;
    const aliceX = `Bearer ${await testToken({ subject: 'alice#x' })}`;
    const a = await t.api.post(
      '/v1/items',
      { name: 'separator' },
      { 'Idempotency-Key': `x#k1${suffix}`, Authorization: alice },
    );
    const b = await t.api.post(
      '/v1/items',
      { name: 'separator' },
      { 'Idempotency-Key': `k1${suffix}`, Authorization: aliceX },
    );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((b.body as { id: string }).id).not.toBe((a.body as { id: string }).id);
  });

  it('creates every time without a key', async () => {
    await t.api.post('/v1/items', { name: 'no key' });
    await t.api.post('/v1/items', { name: 'no key' });
    expect(await countNamed('no key')).toBe(2);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'two words'],
  ])('refuses a key that is %s with 400', async (_name, value) => {
    const res = await t.api.post('/v1/items', { name: 'bad key' }, { 'Idempotency-Key': value });
    expect(res.status).toBe(400);
    expect(await countNamed('bad key')).toBe(0);
  });
});

describe('Idempotency-Key with numbers DynamoDB cannot hold', () => {
  it('replays a create whose price underflows a DynamoDB number', async () => {
    const headers = key('tiny-price');
    const first = await t.api.post('/v1/items', { name: 'tiny', price: 1e-131 }, headers);
    const again = await t.api.post('/v1/items', { name: 'tiny', price: 1e-131 }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((first.body as { price: number }).price).toBe(1e-131);
  });
});
