import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { singleKeyTableDefinition } from '../storage/single-key-table';

/**
 * The rate-limit table: one counter item per caller key and window. `expiresAt` (epoch
 * seconds) is the TTL attribute that lets DynamoDB delete stale counters; correctness never
 * depends on it (the window end is checked in every condition), because TTL deletion is lazy on
 * AWS and absent in dynalite. infra/lib/tables.ts builds the AWS table from these names.
 */
export const RateLimitTable = {
  partitionKey: 'pk',
  ttlAttribute: 'expiresAt',
  /** The actions dynamo-rate-limit-store.ts sends; infra grants exactly these. */
  tableActions: ['UpdateItem', 'DeleteItem'],
  indexActions: [],
} as const;

export function rateLimitTableDefinition(tableName: string): CreateTableCommandInput {
  return singleKeyTableDefinition(tableName, RateLimitTable.partitionKey);
}
