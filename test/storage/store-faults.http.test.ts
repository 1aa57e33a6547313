import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestApi } from '../support/test-app';
import { startTestStore, type TestStore } from '../support/store';

/** A TCP server that accepts connections and never answers: a store that hangs. */
async function startSilentServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('store faults', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('answers 504 problem when the store accepts but never answers', async () => {
    const silent = await startSilentServer();
    const t = await startTestApi({
      store,
      endpoint: silent.endpoint,
      env: { DYNAMODB_TIMEOUT_MS: '150', DYNAMODB_MAX_ATTEMPTS: '1' },
    });
    try {
      for (const res of [
        await t.api.get('/v1/items'),
        await t.api.post('/v1/items', { name: 'x' }),
        await t.api.get('/health/ready'),
      ]) {
        expect(res.status).toBe(504);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((res.body as { type: string }).type).toMatch(/store-timeout$/);
      }
      expect((await t.api.get('/health')).status).toBe(200);
    } finally {
      await t.close();
      await silent.close();
    }
  });

  it('answers 503 with Retry-After when nothing listens any more', async () => {
    const t = await startTestApi({ env: { DYNAMODB_MAX_ATTEMPTS: '1' } });
    try {
      const item = await t.api.post('/v1/items', { name: 'before the outage' });
      expect(item.status).toBe(201);
      await t.store.stop();
      const res = await t.api.get(`/v1/items/${(item.body as { id: string }).id}`);
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((res.body as { type: string }).type).toMatch(/store-unavailable$/);
    } finally {
      await t.close();
    }
  });
});
