import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  StoreUnavailableError,
} from '../../app/core/errors';
import { createDynamoClient } from '../../app/storage/dynamo-client';
import { ensureTable } from '../../app/storage/ensure-table';
import { PowertoolsIdempotencyGuard } from '../../app/idempotency/powertools-idempotency-guard';
import { idempotencyTableDefinition } from '../../app/idempotency/idempotency-table';
import { startTestStore, type TestStore } from '../support/store';

/** The Powertools adapter against the embedded DynamoDB (dynalite): no fakes. */
let store: TestStore;
let client: ReturnType<typeof createDynamoClient>;
beforeAll(async () => {
  store = await startTestStore();
  client = createDynamoClient({
    region: 'us-east-1',
    endpoint: store.endpoint,
    connectTimeoutMs: 500,
    timeoutMs: 2000,
    maxAttempts: 1,
  });
  await ensureTable(client, idempotencyTableDefinition('idem'));
});
afterAll(async () => {
  client.destroy();
  await store.close();
});

const guard = (ttlS = 60) =>
  new PowertoolsIdempotencyGuard({
    client,
    tableName: 'idem',
    ttlS,
    requestTimeoutMs: 15_000,
    keyPrefix: 'test',
  });

describe('PowertoolsIdempotencyGuard on dynalite', () => {
  it('runs once per key and returns the stored result to repeats', async () => {
    const g = guard();
    let runs = 0;
    const op = async () => ({ run: ++runs });
    expect(await g.run('k1', { a: 1 }, op)).toEqual({ run: 1 });
    expect(await g.run('k1', { a: 1 }, op)).toEqual({ run: 1 });
    expect(runs).toBe(1);
  });

  it('refuses a repeat with a different request', async () => {
    const g = guard();
    await g.run('k2', { a: 1 }, async () => ({ ok: true }));
    await expect(g.run('k2', { a: 2 }, async () => ({ ok: true }))).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('refuses a duplicate while the first is still in flight, then replays it', async () => {
    const g = guard();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = g.run('k3', { a: 1 }, async () => {
      await gate;
      return { first: true };
    });
    await new Promise((r) => setTimeout(r, 200)); // let the first write its in-progress record
    await expect(g.run('k3', { a: 1 }, async () => ({ first: false }))).rejects.toBeInstanceOf(
      IdempotencyInProgressError,
    );
    release();
    expect(await first).toEqual({ first: true });
    expect(await g.run('k3', { a: 1 }, async () => ({ first: false }))).toEqual({ first: true });
  });

  it('forgets a key whose operation failed, so a retry runs again', async () => {
    const g = guard();
    await expect(
      g.run('k4', {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await g.run('k4', {}, async () => ({ retried: true }))).toEqual({ retried: true });
  });

  // dynalite never deletes expired items (no TTL); the library checks expiry in its own
  // write condition, so an expired key is reusable anyway. This proves that workaround.
  it('treats an expired record as absent although the store never deletes it', async () => {
    const g = guard(1);
    await g.run('k5', { v: 1 }, async () => ({ v: 1 }));
    await new Promise((r) => setTimeout(r, 2100));
    expect(await g.run('k5', { v: 2 }, async () => ({ v: 2 }))).toEqual({ v: 2 });
  });

  it('reports an unreachable store as StoreUnavailableError (503)', async () => {
    const down = createDynamoClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      connectTimeoutMs: 200,
      timeoutMs: 500,
      maxAttempts: 1,
    });
    try {
      const g = new PowertoolsIdempotencyGuard({
        client: down,
        tableName: 'idem',
        ttlS: 60,
        requestTimeoutMs: 15_000,
        keyPrefix: 'test',
      });
      await expect(g.run('k6', {}, async () => ({}))).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      down.destroy();
    }
  });
});
