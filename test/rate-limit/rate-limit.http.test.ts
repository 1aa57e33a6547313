import type { ProblemBody } from '../../app/http/problem-response';
import { startTestApi, type TestApi } from '../support/test-app';
import { startTestStore, type TestStore } from '../support/store';
import { testToken } from '../support/tokens';

let store: TestStore;
const apis: TestApi[] = [];
beforeAll(async () => {
  store = await startTestStore();
});
afterAll(async () => {
  for (const t of apis) await t.close();
  await store.close();
});

/** An app with a small write budget; on the shared store unless `own` (a fresh store). */
async function limitedApi(env: Record<string, string> = {}, own = false): Promise<TestApi> {
  const t = await startTestApi({
    ...(own ? {} : { store }),
    env: { RATE_LIMIT_MAX: '3', ...env },
  });
  apis.push(t);
  return t;
}

const bearer = async (subject: string) => ({
  Authorization: `Bearer ${await testToken({ subject })}`,
});

function expect429(res: { status: number; headers: Record<string, string>; body: unknown }) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((res.body as ProblemBody).type).toMatch(/rate-limited$/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe('shared rate limit (DynamoDB store)', () => {
  it('counts writes per caller with RateLimit headers, then answers 429 with Retry-After', async () => {
    const t = await limitedApi();
    const auth = await bearer('budget-user');
    const first = await t.api.post('/v1/items', { name: 'one' }, auth);
    expect(first.status).toBe(201);
    expect(first.headers['ratelimit-policy']).toBe('3;w=60');
    expect(first.headers.ratelimit).toMatch(/^limit=3, remaining=2, reset=\d+$/);
    expect((await t.api.post('/v1/items', { name: 'two' }, auth)).status).toBe(201);
    expect((await t.api.post('/v1/items', { name: 'three' }, auth)).status).toBe(201);
    expect429(await t.api.post('/v1/items', { name: 'four' }, auth));
    // Reads are not covered by default: no store write, no headers, no 429.
    const read = await t.api.get('/v1/items', auth);
    expect(read.status).toBe(200);
    expect(read.headers.ratelimit).toBeUndefined();
    // Another subject has a budget of its own.
    expect(
      (await t.api.post('/v1/items', { name: 'other' }, await bearer('other-user'))).status,
    ).toBe(201);
  });

  it('makes two app instances on one store share the budget', async () => {
    const a = await limitedApi();
    const b = await limitedApi();
    const auth = await bearer('shared-user');
    expect((await a.api.post('/v1/items', { name: 'a1' }, auth)).status).toBe(201);
    expect((await b.api.post('/v1/items', { name: 'b1' }, auth)).status).toBe(201);
    expect((await a.api.post('/v1/items', { name: 'a2' }, auth)).status).toBe(201);
    expect429(await b.api.post('/v1/items', { name: 'b2' }, auth));
    expect429(await a.api.post('/v1/items', { name: 'a3' }, auth));
  });

  it('counts concurrent writes exactly', async () => {
    const t = await limitedApi({ RATE_LIMIT_MAX: '5' });
    const auth = await bearer('burst-user');
    const statuses = (
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => t.api.post('/v1/items', { name: `burst ${i}` }, auth)),
      )
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('keys anonymous writes on the client IP, so a spoofed X-Forwarded-For does not dodge it', async () => {
    const t = await limitedApi({}, true);
    const statuses: number[] = [];
    for (const spoof of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      const res = await t.api.anonymous.post(
        '/v1/items',
        { name: 'anonymous' },
        { 'X-Forwarded-For': spoof },
      );
      statuses.push(res.status);
    }
    // Counted, refused by the contract (no token: 401), then over the budget.
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('covers the methods RATE_LIMIT_METHODS lists', async () => {
    const t = await limitedApi({ RATE_LIMIT_METHODS: 'GET', RATE_LIMIT_MAX: '2' }, true);
    const auth = await bearer('reader');
    expect((await t.api.post('/v1/items', { name: 'not counted' }, auth)).headers.ratelimit).toBe(
      undefined,
    );
    expect((await t.api.get('/v1/items', auth)).headers.ratelimit).toMatch(/remaining=1/);
    expect((await t.api.get('/v1/items', auth)).status).toBe(200);
    expect429(await t.api.get('/v1/items', auth));
  });
});

describe('failed authentications', () => {
  it('are limited per client IP: 401s, then 429; a valid token is not held back', async () => {
    const t = await limitedApi({ AUTH_FAILURE_LIMIT_MAX: '2' }, true);
    const forged = { Authorization: `Bearer ${await testToken({ secret: 'f'.repeat(40) })}` };
    expect((await t.api.get('/v1/items', forged)).status).toBe(401);
    expect((await t.api.get('/health', forged)).status).toBe(401);
    const limited = await t.api.get('/v1/items', forged);
    expect429(limited);
    expect((await t.api.post('/v1/items', { name: 'valid' })).status).toBe(201);
  });
});
