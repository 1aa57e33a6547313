import path from 'node:path';
import type { Logger } from 'pino';
import type { AppDeps } from './app';
import { systemClock } from './clock';
import type { Config } from './config';
import { DynamoItemRepository } from './items/dynamo-item-repository';
import { itemsTableDefinition } from './items/items-table';
import { clientOptionsFrom, createDocumentClient } from './storage/dynamo-client';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './storage/embedded-dynamo';
import { ensureTable } from './storage/ensure-table';

export interface Composed {
  deps: AppDeps;
  /** Human-readable description of where data lives, for start-up logs. */
  storeDescription: string;
  close(): Promise<void>;
}

/**
 * Wires config into the app's dependencies: picks the store (embedded dynalite unless told
 * otherwise), makes sure the table exists on local stores, builds the repository.
 * Real AWS is used only when STORAGE=aws says so.
 */
export async function composeDependencies(config: Config, logger: Logger): Promise<Composed> {
  let embedded: EmbeddedDynamo | undefined;
  let endpoint = config.storage.endpoint;
  if (config.storage.kind === 'embedded') {
    const dataPath = path.resolve(config.storage.dataDir, 'dynamodb');
    embedded = await startEmbeddedDynamo({ path: dataPath });
    endpoint = embedded.endpoint;
  }
  const documentClient = createDocumentClient(clientOptionsFrom(config, endpoint));
  if (config.storage.kind !== 'aws') {
    const created = await ensureTable(
      documentClient,
      itemsTableDefinition(config.storage.tableName),
    );
    if (created) logger.info({ table: config.storage.tableName }, 'created table');
  }
  const storeDescription =
    config.storage.kind === 'embedded'
      ? `embedded DynamoDB (dynalite) with data in ${path.resolve(config.storage.dataDir)}`
      : config.storage.kind === 'endpoint'
        ? `DynamoDB at ${endpoint}`
        : `AWS DynamoDB in ${config.storage.region}`;
  return {
    deps: {
      config,
      logger,
      clock: systemClock,
      itemRepository: new DynamoItemRepository(documentClient, config.storage.tableName),
    },
    storeDescription,
    close: async () => {
      documentClient.destroy();
      await embedded?.close();
    },
  };
}
