import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ProblemBody } from '../../app/http/problem-response';
import { ProblemTypes } from '../../app/http/problem-types';
import { startTestApi } from '../support/test-app';
import type { HttpResponse } from '../support/transport';
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

  it('answers 503 while the store is down, stays up, and recovers when it is back', async () => {
    const persistent = await startTestStore({ persistent: true });
    const t = await startTestApi({ store: persistent, env: { DYNAMODB_MAX_ATTEMPTS: '1' } });
    try {
      const created = await t.api.post('/v1/items', { name: 'survives the outage' });
      expect(created.status).toBe(201);
      const item = created.body as { id: string; version: number };
      const path = `/v1/items/${item.id}`;

      await persistent.stop();
      const during: [string, HttpResponse][] = [
        ['GET item', await t.api.get(path)],
        ['GET list', await t.api.get('/v1/items')],
        ['POST', await t.api.post('/v1/items', { name: 'during the outage' })],
        ['PUT', await t.api.put(path, { name: 'changed' }, { 'If-Match': '"v1"' })],
        ['PATCH', await t.api.patch(path, { name: 'changed' })],
        ['DELETE', await t.api.delete(path)],
        ['GET /health/ready', await t.api.get('/health/ready')],
      ];
      for (const [what, res] of during) {
        const problem = res.body as ProblemBody | undefined;
        expect({ what, status: res.status, type: problem?.type }).toEqual({
          what,
          status: 503,
          type: ProblemTypes.storeUnavailable.type,
        });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      // The process is up and says so: liveness needs no store.
      expect((await t.api.get('/health')).status).toBe(200);

      await persistent.restart();
      // Same endpoint, same client: no restart of the app, no reconnect step.
      expect((await t.api.get('/health/ready')).status).toBe(200);
      const read = await t.api.get(path);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body); // the data survived; no write of the outage landed
      const list = await t.api.get('/v1/items');
      expect((list.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([item.id]);
      const put = await t.api.put(path, { name: 'after the outage' }, { 'If-Match': '"v1"' });
      expect(put.status).toBe(200);
      expect(put.headers.etag).toBe('"v2"');
      expect((await t.api.post('/v1/items', { name: 'new after the outage' })).status).toBe(201);
    } finally {
      await t.close();
      await persistent.close();
    }
  });
});
