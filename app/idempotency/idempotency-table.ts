import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The Idempotency-Key table, in the layout of Powertools' DynamoDB persistence layer (its
 * defaults: partition key `id`, TTL attribute `expiration`). Expiry is checked in the
 * library's own conditions, so correctness never depends on TTL deletion (lazy on AWS, absent
 * in dynalite). infra/lib/tables.ts builds the AWS table from these names.
 */
export const IdempotencyTable = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;

export function idempotencyTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: IdempotencyTable.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: IdempotencyTable.partitionKey, KeyType: 'HASH' }],
  };
}
