import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError, PreconditionFailedError } from '../core/errors';
import { callStore } from '../storage/store-errors';
import type { Item, ItemFields, VersionCondition } from './item';
import type {
  ItemChanges,
  ItemRepository,
  ListPosition,
  ListQuery,
  ListResult,
} from './item-repository';
import { createdKey, ItemsTable } from './items-table';

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

/** Builds the condition part for a version check; names/values are merged into the command. */
function versionCondition(expected: VersionCondition): {
  expression: string;
  values: Record<string, unknown>;
} {
  if (expected.kind === 'any') return { expression: 'attribute_exists(id)', values: {} };
  const values = Object.fromEntries(expected.versions.map((v, i) => [`:expected${i}`, v]));
  return {
    expression: `attribute_exists(id) AND version IN (${Object.keys(values).join(', ')})`,
    values,
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
    let startKey: Record<string, unknown> | undefined = query.after && {
      id: query.after.id,
      [partition.name]: partition.value,
      [ItemsTable.sortAttribute]: createdKey(query.after.createdAt, query.after.id),
    };
    // Ask for one more than the page so "is there a next page?" is known without an extra,
    // possibly empty, round trip. Loop because DynamoDB may stop early at 1 MB per response.
    const wanted = query.limit + 1;
    const records: Record<string, unknown>[] = [];
    do {
      const out = await callStore(() =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: byStatus ? ItemsTable.byStatusIndex : ItemsTable.byCreatedIndex,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': partition.name },
            ExpressionAttributeValues: { ':pk': partition.value },
            ScanIndexForward: false,
            Limit: wanted - records.length,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      records.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey && records.length < wanted);

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
    if (expected.kind === 'oneOf' && expected.versions.length === 0) {
      return this.failedWrite(id, expected); // If-Match listed nothing that can match
    }
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':one': 1, ':updatedAt': changes.updatedAt };
    const sets = ['version = version + :one', 'updatedAt = :updatedAt'];
    for (const [field, value] of Object.entries(changes.set) as [keyof ItemFields, unknown][]) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = storedValue(field, value);
      sets.push(`#${field} = :${field}`);
    }
    for (const field of changes.remove) names[`#${field}`] = field;
    const condition = versionCondition(expected);
    const update =
      `SET ${sets.join(', ')}` +
      (changes.remove.length ? ` REMOVE ${changes.remove.map((f) => `#${f}`).join(', ')}` : '');
    try {
      const out = await callStore(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id },
            UpdateExpression: update,
            ConditionExpression: condition.expression,
            ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
            ExpressionAttributeValues: { ...values, ...condition.values },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return fromRecord(out.Attributes ?? {});
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return this.failedWrite(id, expected);
      throw err;
    }
  }

  async delete(id: string, expected: VersionCondition): Promise<void> {
    if (expected.kind === 'oneOf' && expected.versions.length === 0) {
      await this.failedWrite(id, expected);
      return;
    }
    const condition = versionCondition(expected);
    try {
      await callStore(() =>
        this.client.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { id },
            ConditionExpression: condition.expression,
            ExpressionAttributeValues: Object.keys(condition.values).length
              ? condition.values
              : undefined,
          }),
        ),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) await this.failedWrite(id, expected);
      throw err;
    }
  }

  async ping(): Promise<void> {
    // A GetItem on a key that never exists: needs only the read permission the app already has.
    await callStore(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: '__ping__' } })),
    );
  }

  /**
   * A conditional write was refused. Reading afterwards (not before) tells a missing item
   * (404) from a stale version (412); the write itself was never decided by this read.
   * (dynalite ignores ReturnValuesOnConditionCheckFailure, so the read is explicit.)
   */
  private async failedWrite(id: string, expected: VersionCondition): Promise<never> {
    const current = await this.get(id);
    if (!current) throw new NotFoundError(`Item ${id} does not exist`);
    const wanted = expected.kind === 'oneOf' ? expected.versions : [];
    throw new PreconditionFailedError(
      `If-Match does not match the current ETag of item ${id}` +
        (wanted.length ? '' : ' (no usable strong ETag was given)'),
    );
  }
}
