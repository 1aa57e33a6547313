/**
 * Lambda entry: API Gateway (proxy integration) -> the same Express app as server.ts.
 * Everything expensive is built once per container, at init, outside the handler.
 */
import serverlessExpress from '@codegenie/serverless-express';
import { createApp } from './app/app';
import { systemClock } from './app/clock';
import { ConfigError, loadConfig } from './app/config';
import { DynamoItemRepository } from './app/items/dynamo-item-repository';
import { createLogger } from './app/logger';
import { clientOptionsFrom, createDocumentClient } from './app/storage/dynamo-client';

// On Lambda the store is DynamoDB unless an endpoint is configured; never the embedded one.
const config = loadConfig({ STORAGE: 'aws', ...process.env });
if (config.storage.kind === 'embedded') {
  throw new ConfigError([
    'STORAGE=embedded is for the local server; use aws or endpoint on Lambda',
  ]);
}
const logger = createLogger(config);
const documentClient = createDocumentClient(clientOptionsFrom(config));

const app = createApp({
  config,
  logger,
  clock: systemClock,
  itemRepository: new DynamoItemRepository(documentClient, config.storage.tableName),
});

export const handler = serverlessExpress({ app });
