import { startTestApi, type TestApi } from '../support/test-app';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi({ env: { DYNAMODB_TIMEOUT_MS: '500' } });
});
afterAll(async () => {
  await t.close();
});

describe('health', () => {
  it('GET /health answers 200 {status: ok}', async () => {
    const res = await t.api.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 200 while the table answers', async () => {
    const res = await t.api.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 503 with Retry-After when the table is missing', async () => {
    const missing = await startTestApi({ store: t.store, tableName: 'no-such-table' });
    const res = await missing.api.get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect((res.body as { type: string }).type).toMatch(/store-unavailable$/);
  });

  it('liveness stays 200 and readiness and data routes answer 503 once the store is down', async () => {
    await t.store.stop();
    expect((await t.api.get('/health')).status).toBe(200);
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    const read = await t.api.get('/v1/items');
    expect(read.status).toBe(503);
    expect(Number(read.headers['retry-after'])).toBeGreaterThan(0);
    const write = await t.api.post('/v1/items', { name: 'x' });
    expect(write.status).toBe(503);
  });
});
