import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** An on-demand table keyed by one string attribute (local stores create it; on AWS, infra/). */
export function singleKeyTableDefinition(
  tableName: string,
  partitionKey: string,
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
  };
}
