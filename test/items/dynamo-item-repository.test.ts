import { DynamoItemRepository } from '../../app/items/dynamo-item-repository';
import type { Item } from '../../app/items/item';
import { NotFoundError, PreconditionFailedError } from '../../app/core/errors';
import { randomUUID } from 'node:crypto';
import { startTestStore, type TestStore } from '../support/store';

let store: TestStore;
let repo: DynamoItemRepository;
beforeAll(async () => {
  store = await startTestStore();
  repo = new DynamoItemRepository(store.client, store.tableName);
});
afterAll(async () => {
  await store.close();
});

function newItem(overrides: Partial<Item> = {}): Item {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    name: 'item',
    tags: [],
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

describe('DynamoItemRepository (against dynalite)', () => {
  it('round-trips an item, optional fields included', async () => {
    const item = newItem({ description: 'd', price: 0.1 + 0.2, tags: ['b', 'a'] });
    await repo.create(item);
    expect(await repo.get(item.id)).toEqual(item);
  });

  it('refuses to create an id twice', async () => {
    const item = newItem();
    await repo.create(item);
    await expect(repo.create({ ...item, name: 'again' })).rejects.toThrow();
    expect((await repo.get(item.id))?.name).toBe('item');
  });

  it('returns undefined for a missing id', async () => {
    expect(await repo.get(randomUUID())).toBeUndefined();
  });

  it('update with a version list applies only when a listed version is current', async () => {
    const item = newItem();
    await repo.create(item);
    const changes = { set: { name: 'n2' }, remove: [], updatedAt: new Date().toISOString() };
    await expect(
      repo.update(item.id, changes, { kind: 'oneOf', versions: [2] }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    const updated = await repo.update(item.id, changes, { kind: 'oneOf', versions: [3, 1] });
    expect(updated).toMatchObject({ name: 'n2', version: 2 });
  });

  it('never upserts: writes to a missing id raise NotFoundError', async () => {
    const id = randomUUID();
    const fields = { name: 'x', tags: [], status: 'active' as const };
    await expect(
      repo.replace(id, fields, new Date().toISOString(), { kind: 'any' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(repo.delete(id, { kind: 'oneOf', versions: [1] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await repo.get(id)).toBeUndefined();
  });

  it('lets exactly one of many concurrent writers with the same expected version win', async () => {
    const item = newItem();
    await repo.create(item);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        repo.replace(
          item.id,
          { name: `w${i}`, tags: [], status: 'active' },
          new Date().toISOString(),
          {
            kind: 'oneOf',
            versions: [1],
          },
        ),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(
      lost.every((r) => (r as PromiseRejectedResult).reason instanceof PreconditionFailedError),
    ).toBe(true);
    expect((await repo.get(item.id))?.version).toBe(2);
  });

  it('keeps every one of many concurrent creates', async () => {
    const items = Array.from({ length: 30 }, () => newItem());
    await Promise.all(items.map((i) => repo.create(i)));
    const read = await Promise.all(items.map((i) => repo.get(i.id)));
    expect(read).toEqual(items);
  });

  it('lists from the index newest first, breaking createdAt ties by id', async () => {
    const local = await startTestStore();
    const r = new DynamoItemRepository(local.client, local.tableName);
    try {
      const same = '2026-03-01T00:00:00.000Z';
      const items = [
        newItem({ createdAt: '2026-01-01T00:00:00.000Z' }),
        newItem({ createdAt: same }),
        newItem({ createdAt: same }),
        newItem({ createdAt: '2026-02-01T00:00:00.000Z', status: 'archived' }),
      ];
      for (const i of items) await r.create(i);
      const expected = [...items].sort((a, b) =>
        `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`),
      );
      const first = await r.list({ limit: 3 });
      expect(first.items.map((i) => i.id)).toEqual(expected.slice(0, 3).map((i) => i.id));
      expect(first.next).toBeDefined();
      const rest = await r.list({ limit: 3, after: first.next });
      expect(rest.items.map((i) => i.id)).toEqual([expected[3]?.id]);
      expect(rest.next).toBeUndefined();
      const archived = await r.list({ limit: 10, status: 'archived' });
      expect(archived.items.map((i) => i.id)).toEqual([items[3]?.id]);
    } finally {
      await local.close();
    }
  });

  it('moves an item between status partitions when its status changes', async () => {
    const local = await startTestStore();
    const r = new DynamoItemRepository(local.client, local.tableName);
    try {
      const item = newItem();
      await r.create(item);
      await r.update(
        item.id,
        { set: { status: 'archived' }, remove: [], updatedAt: item.updatedAt },
        { kind: 'any' },
      );
      expect((await r.list({ limit: 5, status: 'active' })).items).toHaveLength(0);
      expect((await r.list({ limit: 5, status: 'archived' })).items).toHaveLength(1);
    } finally {
      await local.close();
    }
  });
});
