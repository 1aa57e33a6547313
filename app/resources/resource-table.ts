import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Physical design of a generated resource's table, the items table without the status index:
 * key `id`; the `byCreated` index holds every record under one constant partition (`listPk`),
 * sorted by `createdKey` = `<createdAt ISO>#<id>`, so a descending Query lists newest first.
 * One list partition: fine to roughly 1,000 writes/s (README "Scaling limits").
 */
export const ResourceTable = {
  partitionKey: 'id',
  listPartitionAttribute: 'listPk',
  sortAttribute: 'createdKey',
  byCreatedIndex: 'byCreated',
  /**
   * The DynamoDB actions dynamo-resource-repository.ts sends, on the table and on its index:
   * infra grants exactly these.
   */
  tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  indexActions: ['Query'],
} as const;

/** The index sort key of a record: creation time, then id to break ties. */
export function createdKey(createdAt: string, id: string): string {
  return `${createdAt}#${id}`;
}

/** Fields no resource may declare: they are the record's own, or the table's. */
export const RESERVED_FIELDS: readonly string[] = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  ResourceTable.listPartitionAttribute,
  ResourceTable.sortAttribute,
];

export function resourceTableDefinition(tableName: string): CreateTableCommandInput {
  const t = ResourceTable;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: t.partitionKey, AttributeType: 'S' },
      { AttributeName: t.listPartitionAttribute, AttributeType: 'S' },
      { AttributeName: t.sortAttribute, AttributeType: 'S' },
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
    ],
  };
}
