import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * Creates the table if it does not exist (local stores only: on AWS the CDK stack owns the
 * table). Returns true when it was created.
 */
export async function ensureTable(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
): Promise<boolean> {
  const TableName = definition.TableName;
  try {
    await client.send(new DescribeTableCommand({ TableName }));
    return false;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName });
  return true;
}
