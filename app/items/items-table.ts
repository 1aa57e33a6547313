import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { ResourceTable, resourceTableDefinition } from '../resources/resource-table';

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
 *
 * A generated resource's table (resources/resource-table.ts) is this design without `byStatus`:
 * the shared part is defined there once.
 */
export const ItemsTable = {
  ...ResourceTable,
  listPartitionValue: 'ITEM',
  byStatusIndex: 'byStatus',
  /** The partition key of `byStatus`: the item's own `status` field. */
  statusAttribute: 'status',
  // tableActions / indexActions: the resource table's, which dynamo-item-repository.ts sends
  // too (on both indexes); test/storage/dynamo-actions.test.ts checks the code against them.
} as const;

export function itemsTableDefinition(tableName: string): CreateTableCommandInput {
  const t = ItemsTable;
  const shared = resourceTableDefinition(tableName);
  return {
    ...shared,
    AttributeDefinitions: [
      ...(shared.AttributeDefinitions ?? []),
      { AttributeName: t.statusAttribute, AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      ...(shared.GlobalSecondaryIndexes ?? []),
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
