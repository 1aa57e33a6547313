import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  conditionalDelete,
  queryNewestFirst,
  refusedWrite,
  conditionalUpdate,
} from '../resources/conditional-writes';
import { callStore } from '../storage/store-errors';
import type { Item, ItemFields, VersionCondition } from './item';
import type {
  ItemChanges,
  ItemRepository,
  ListPosition,
  ListQuery,
  ListResult,
} from './item-repository';
import { createdKey } from '../resources/resource-table';
import { ItemsTable } from './items-table';

/** The stored shape: the item plus index attributes. */
interface ItemRecord {
  id: string;
  name: string;
  description?: string;
  /**
   * Kept as a DynamoDB string holding the JSON number: DynamoDB numbers reject magnitudes
   * below 1e-130 that JSON allows, and prices are never queried numerically.
   */
  price?: string;
  tags: string[];
  status: Item['status'];
  version: number;
  createdAt: string;
  updatedAt: string;
  listPk: string;
  createdKey: string;
}

function toRecord(item: Item): ItemRecord {
  const { price, ...rest } = item;
  return {
    ...rest,
    ...(price === undefined ? {} : { price: String(price) }),
    listPk: ItemsTable.listPartitionValue,
    createdKey: createdKey(item.createdAt, item.id),
  };
}

function fromRecord(record: Record<string, unknown>): Item {
  const r = record as unknown as ItemRecord;
  return {
    id: r.id,
    name: r.name,
    ...(r.description === undefined ? {} : { description: r.description }),
    ...(r.price === undefined ? {} : { price: Number(r.price) }),
    tags: r.tags ?? [],
    status: r.status,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Writable attribute -> stored value; `price` is stored as a string (see ItemRecord). */
function storedValue(field: keyof ItemFields, value: unknown): unknown {
  return field === 'price' ? String(value) : value;
}

export class DynamoItemRepository implements ItemRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(item: Item): Promise<void> {
    await callStore(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toRecord(item),
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    );
  }

  async get(id: string): Promise<Item | undefined> {
    const out = await callStore(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { id } })),
    );
    return out.Item ? fromRecord(out.Item) : undefined;
  }

  async list(query: ListQuery): Promise<ListResult> {
    const byStatus = query.status !== undefined;
    const partition = byStatus
      ? { name: ItemsTable.statusAttribute, value: query.status }
      : { name: ItemsTable.listPartitionAttribute, value: ItemsTable.listPartitionValue };
    const records = await queryNewestFirst(this.client, {
      tableName: this.tableName,
      indexName: byStatus ? ItemsTable.byStatusIndex : ItemsTable.byCreatedIndex,
      partition,
      limit: query.limit,
      startKey: query.after && {
        id: query.after.id,
        [partition.name]: partition.value,
        [ItemsTable.sortAttribute]: createdKey(query.after.createdAt, query.after.id),
      },
    });
    const items = records.slice(0, query.limit).map(fromRecord);
    const last = items[items.length - 1];
    const next: ListPosition | undefined =
      records.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined;
    return { items, next };
  }

  async replace(
    id: string,
    fields: ItemFields,
    updatedAt: string,
    expected: VersionCondition,
  ): Promise<Item> {
    const remove = (['description', 'price'] as const).filter((f) => fields[f] === undefined);
    return this.update(id, { set: fields, remove: [...remove], updatedAt }, expected);
  }

  async update(id: string, changes: ItemChanges, expected: VersionCondition): Promise<Item> {
    const set = (Object.entries(changes.set) as [keyof ItemFields, unknown][])
      .filter(([, value]) => value !== undefined)
      .map(([field, value]): [string, unknown] => [field, storedValue(field, value)]);
    const stored = await conditionalUpdate(
      this.client,
      this.tableName,
      id,
      { set, remove: changes.remove, updatedAt: changes.updatedAt },
      expected,
      () => this.failedWrite(id, expected),
    );
    return fromRecord(stored);
  }

  delete(id: string, expected: VersionCondition): Promise<void> {
    return conditionalDelete(this.client, this.tableName, id, expected, () =>
      this.failedWrite(id, expected),
    );
  }

  async ping(): Promise<void> {
    // A GetItem on a key that never exists: needs only the read permission the app already has.
    await callStore(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: '__ping__' } })),
    );
  }

  private failedWrite(id: string, expected: VersionCondition): Promise<never> {
    return refusedWrite(() => this.get(id), `item ${id}`, expected);
  }
}
