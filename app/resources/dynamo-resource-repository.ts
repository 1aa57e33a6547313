import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callStore } from '../storage/store-errors';
import {
  conditionalDelete,
  queryNewestFirst,
  refusedWrite,
  conditionalUpdate,
} from './conditional-writes';
import type { ListPosition } from './list-cursor';
import type { FieldType, ResourceDefinition, ResourceRecord } from './resource-definition';
import type {
  ResourceChanges,
  ResourceListQuery,
  ResourceListResult,
  ResourceRepository,
} from './resource-repository';
import { createdKey, ResourceTable } from './resource-table';
import type { VersionCondition } from './version-condition';

/**
 * How a field is kept. `number` fields are stored as the JSON number's text: DynamoDB numbers
 * reject magnitudes below 1e-130 that JSON allows (the items table keeps `price` the same way).
 */
const STORED: Record<FieldType, { toStore(v: unknown): unknown; fromStore(v: unknown): unknown }> =
  {
    string: { toStore: (v) => v, fromStore: (v) => v },
    integer: { toStore: (v) => v, fromStore: (v) => Number(v) },
    number: { toStore: (v) => String(v), fromStore: (v) => Number(v) },
    boolean: { toStore: (v) => v, fromStore: (v) => v },
    'string[]': { toStore: (v) => v, fromStore: (v) => (Array.isArray(v) ? v : []) },
  };

/**
 * The DynamoDB adapter of every generated resource (its table: resource-table.ts). A record is
 * stored as its fields plus the list index attributes; field names reach DynamoDB only through
 * expression attribute names, so any identifier is safe.
 */
export class DynamoResourceRepository<
  R extends ResourceRecord = ResourceRecord,
> implements ResourceRepository<R> {
  private readonly types: Map<string, FieldType>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly resource: ResourceDefinition,
  ) {
    this.types = new Map(resource.fields.map((f) => [f.name, f.type]));
  }

  private toStored(record: R): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: record.id,
      version: record.version,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      [ResourceTable.listPartitionAttribute]: this.resource.name,
      [ResourceTable.sortAttribute]: createdKey(record.createdAt, record.id),
    };
    for (const [name, type] of this.types) {
      if (record[name] !== undefined) out[name] = STORED[type].toStore(record[name]);
    }
    return out;
  }

  private fromStored(stored: Record<string, unknown>): R {
    const out: Record<string, unknown> = {
      id: stored.id,
      version: Number(stored.version),
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
    for (const [name, type] of this.types) {
      if (stored[name] !== undefined) out[name] = STORED[type].fromStore(stored[name]);
    }
    return out as R;
  }

  async create(record: R): Promise<void> {
    await callStore(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.toStored(record),
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    );
  }

  async get(id: string): Promise<R | undefined> {
    const out = await callStore(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { id } })),
    );
    return out.Item ? this.fromStored(out.Item) : undefined;
  }

  async list(query: ResourceListQuery): Promise<ResourceListResult<R>> {
    const t = ResourceTable;
    const stored = await queryNewestFirst(this.client, {
      tableName: this.tableName,
      indexName: t.byCreatedIndex,
      partition: { name: t.listPartitionAttribute, value: this.resource.name },
      limit: query.limit,
      startKey: query.after && {
        id: query.after.id,
        [t.listPartitionAttribute]: this.resource.name,
        [t.sortAttribute]: createdKey(query.after.createdAt, query.after.id),
      },
    });
    const records = stored.slice(0, query.limit).map((s) => this.fromStored(s));
    const last = records[records.length - 1];
    const next: ListPosition | undefined =
      stored.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined;
    return { records, next };
  }

  async update(id: string, changes: ResourceChanges, expected: VersionCondition): Promise<R> {
    // Only declared fields reach the table, each stored as its type is.
    const set: [string, unknown][] = [];
    for (const [field, value] of Object.entries(changes.set)) {
      const type = this.types.get(field);
      if (value !== undefined && type !== undefined) set.push([field, STORED[type].toStore(value)]);
    }
    const stored = await conditionalUpdate(
      this.client,
      this.tableName,
      id,
      {
        set,
        remove: changes.remove.filter((field) => this.types.has(field)),
        updatedAt: changes.updatedAt,
      },
      expected,
      () => this.failedWrite(id, expected),
    );
    return this.fromStored(stored);
  }

  delete(id: string, expected: VersionCondition): Promise<void> {
    return conditionalDelete(this.client, this.tableName, id, expected, () =>
      this.failedWrite(id, expected),
    );
  }

  private failedWrite(id: string, expected: VersionCondition): Promise<never> {
    return refusedWrite(() => this.get(id), `${this.resource.name}/${id}`, expected);
  }
}
