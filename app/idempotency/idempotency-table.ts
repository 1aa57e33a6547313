import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { singleKeyTableDefinition } from '../storage/single-key-table';

/**
 * The Idempotency-Key table, in the layout of Powertools' DynamoDB persistence layer (its
 * defaults: partition key `id`, TTL attribute `expiration`). Expiry is checked in the
 * library's own conditions, so correctness never depends on TTL deletion (lazy on AWS, absent
 * in dynalite). infra/lib/tables.ts builds the AWS table from these names.
 */
export const IdempotencyTable = {
  partitionKey: 'id',
  ttlAttribute: 'expiration',
  /** The actions Powertools' DynamoDB persistence layer sends; infra grants exactly these. */
  tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  indexActions: [],
} as const;

export function idempotencyTableDefinition(tableName: string): CreateTableCommandInput {
  return singleKeyTableDefinition(tableName, IdempotencyTable.partitionKey);
}
