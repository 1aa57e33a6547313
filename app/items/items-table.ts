import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Physical design of the items table, shared by the DynamoDB adapter, the embedded store
 * set-up and the tests (infra/ declares the same keys in CDK).
 *
 * - Table key: `id`.
 * - `byCreated` index: every item under one constant partition (`listPk`), sorted by
 *   `createdKey` = `<createdAt ISO>#<id>` so that a descending Query returns newest first and
 *   ties are broken by id. One partition means all list reads and index writes land on one
 *   index partition: fine to roughly 1,000 writes/s, see README "Scaling limits".
 * - `byStatus` index: the same sort key under `status`, for the filtered list.
 */
export const ItemsTable = {
  partitionKey: 'id',
  listPartitionAttribute: 'listPk',
  listPartitionValue: 'ITEM',
  sortAttribute: 'createdKey',
  byCreatedIndex: 'byCreated',
  byStatusIndex: 'byStatus',
  /** The partition key of `byStatus`: the item's own `status` field. */
  statusAttribute: 'status',
  /**
   * The DynamoDB actions dynamo-item-repository.ts sends, on the table and on its indexes:
   * infra grants exactly these (test/storage/dynamo-actions.test.ts checks the code against them).
   */
  tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  indexActions: ['Query'],
} as const;

export function createdKey(createdAt: string, id: string): string {
  return `${createdAt}#${id}`;
}

export function itemsTableDefinition(tableName: string): CreateTableCommandInput {
  const t = ItemsTable;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: t.partitionKey, AttributeType: 'S' },
      { AttributeName: t.listPartitionAttribute, AttributeType: 'S' },
      { AttributeName: t.sortAttribute, AttributeType: 'S' },
      { AttributeName: t.statusAttribute, AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: t.partitionKey, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: t.byCreatedIndex,
        KeySchema: [
          { AttributeName: t.listPartitionAttribute, KeyType: 'HASH' },
          { AttributeName: t.sortAttribute, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: t.byStatusIndex,
        KeySchema: [
          { AttributeName: t.statusAttribute, KeyType: 'HASH' },
          { AttributeName: t.sortAttribute, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
