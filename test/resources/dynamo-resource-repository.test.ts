import { randomUUID } from 'node:crypto';
import { NotFoundError, PreconditionFailedError } from '../../app/core/errors';
import { ListCursorCodec } from '../../app/resources/list-cursor';
import { DynamoResourceRepository } from '../../app/resources/dynamo-resource-repository';
import type { ResourceDefinition, ResourceRecord } from '../../app/resources/resource-definition';
import { ResourceService } from '../../app/resources/resource-service';
import { resourceTableDefinition } from '../../app/resources/resource-table';
import { ensureTable } from '../../app/storage/ensure-table';
import { startTestStore, type TestStore } from '../support/store';

/** A resource with one field of every type the generator offers. */
const GADGETS: ResourceDefinition = {
  name: 'gadgets',
  fields: [
    { name: 'title', type: 'string', required: true },
    { name: 'count', type: 'integer', required: false },
    { name: 'weight', type: 'number', required: false },
    { name: 'active', type: 'boolean', required: false },
    { name: 'labels', type: 'string[]', required: false },
  ],
};

let store: TestStore;
let repo: DynamoResourceRepository;
let service: ResourceService;
let now = Date.parse('2026-01-01T00:00:00Z');
beforeAll(async () => {
  store = await startTestStore();
  const tableName = `gadgets-${randomUUID().slice(0, 8)}`;
  await ensureTable(store.client, resourceTableDefinition(tableName));
  repo = new DynamoResourceRepository(store.client, tableName, GADGETS);
  service = new ResourceService(
    GADGETS,
    repo,
    { now: () => new Date((now += 1000)) },
    new ListCursorCodec('a-test-cursor-key-of-at-least-32-characters'),
  );
});
afterAll(async () => {
  await store.close();
});

describe('the resource kit on the embedded DynamoDB', () => {
  it('round-trips every field type, a number below DynamoDB range included', async () => {
    const created = await service.create({
      title: 'Widget',
      count: 9007199254740991,
      weight: 1e-200,
      active: false,
      labels: ['b', 'a'],
      undeclared: 'dropped',
    });
    expect(created).not.toHaveProperty('undeclared');
    expect(await repo.get(created.id)).toEqual(created);
    expect(created).toMatchObject({ weight: 1e-200, count: 9007199254740991, active: false });
  });

  it('replaces (an omitted optional field is removed) and merge-patches (null removes)', async () => {
    const created = await service.create({ title: 'A', count: 1, labels: ['x'] });
    const replaced = await service.replace(
      created.id,
      { title: 'B', weight: 2.5 },
      { kind: 'any' },
    );
    expect(replaced).toEqual({
      id: created.id,
      title: 'B',
      weight: 2.5,
      version: 2,
      createdAt: created.createdAt,
      updatedAt: replaced.updatedAt,
    });
    const patched = await service.update(
      created.id,
      { weight: null, active: true },
      { kind: 'oneOf', versions: [2] },
    );
    expect(patched).toMatchObject({ title: 'B', active: true, version: 3 });
    expect(patched).not.toHaveProperty('weight');
  });

  it('refuses a stale version (412) and a missing record (404), changing nothing', async () => {
    const created = await service.create({ title: 'C' });
    await expect(
      service.update(created.id, { title: 'D' }, { kind: 'oneOf', versions: [7] }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(
      service.update(created.id, { title: 'D' }, { kind: 'oneOf', versions: [] }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(
      service.update(randomUUID(), { title: 'D' }, { kind: 'any' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await repo.get(created.id)).toEqual(created);
    await expect(
      service.delete(created.id, { kind: 'oneOf', versions: [2] }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await service.delete(created.id, { kind: 'oneOf', versions: [1] });
    await expect(service.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists newest first in cursor pages that neither skip nor repeat', async () => {
    const made: ResourceRecord[] = [];
    for (let i = 0; i < 7; i += 1) made.push(await service.create({ title: `L${i}` }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list({ limit: 3, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    const newestFirst = [...made].reverse().map((r) => r.id);
    // Records of the earlier tests are older: the seven come first, in order.
    expect(seen.slice(0, 7)).toEqual(newestFirst);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
