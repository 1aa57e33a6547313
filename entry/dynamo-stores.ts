import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AppStores } from '../app/app';
import type { Config } from '../app/config';
import { DynamoItemRepository } from '../app/items/dynamo-item-repository';
import { itemsTableDefinition } from '../app/items/items-table';
import { documentClientFor } from '../app/storage/dynamo-client';
import { DynamoRateLimitStore } from '../app/rate-limit/dynamo-rate-limit-store';
import { ensureTable } from '../app/storage/ensure-table';
import { PowertoolsIdempotencyGuard } from '../app/idempotency/powertools-idempotency-guard';
import { idempotencyTableDefinition } from '../app/idempotency/idempotency-table';
import { rateLimitTableDefinition } from '../app/rate-limit/rate-limit-table';
import { RESOURCE_FEATURES } from '../app/features';
import { RESOURCES } from '../app/resources/registry';
import { resourceTableDefinition } from '../app/resources/resource-table';
import { resourceTableName } from '../app/resources/table-names';

/**
 * Everything the app keeps in DynamoDB, on one client: items, rate-limit counters and
 * Idempotency-Key records, each in its own table. The same code runs against AWS (Lambda),
 * the embedded dynalite (npm run dev) and the tests.
 */
export function createDynamoStores(client: DynamoDBClient, config: Config): AppStores {
  const documentClient = documentClientFor(client);
  return {
    itemRepository: new DynamoItemRepository(documentClient, config.storage.tableName),
    rateLimitStore: (prefix) =>
      new DynamoRateLimitStore(documentClient, config.rateLimit.tableName, prefix),
    idempotency: new PowertoolsIdempotencyGuard({
      client,
      tableName: config.idempotency.tableName,
      ttlS: config.idempotency.ttlS,
      requestTimeoutMs: config.lambdaTimeoutS * 1000,
      keyPrefix: 'createItem',
    }),
    resourceRepositories: Object.fromEntries(
      RESOURCE_FEATURES.map((feature) => [
        feature.resource.name,
        feature.dynamoRepository(documentClient, resourceTableName(config, feature.resource)),
      ]),
    ),
  };
}

/** Creates the app's tables where missing (local stores only: on AWS the CDK stack owns them). */
export async function ensureLocalTables(client: DynamoDBClient, config: Config): Promise<string[]> {
  const definitions = [
    itemsTableDefinition(config.storage.tableName),
    rateLimitTableDefinition(config.rateLimit.tableName),
    idempotencyTableDefinition(config.idempotency.tableName),
    ...RESOURCES.map((resource) => resourceTableDefinition(resourceTableName(config, resource))),
  ];
  const created: string[] = [];
  for (const definition of definitions) {
    if (await ensureTable(client, definition)) created.push(definition.TableName as string);
  }
  return created;
}
