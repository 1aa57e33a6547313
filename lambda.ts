/**
 * Lambda entry: every HTTP front door (API Gateway REST and HTTP APIs, Function URLs, ALB)
 * -> the same Express app as server.ts. Configuration, the DynamoDB client and the app are
 * built once per container, here at init, outside the handler; nothing here calls AWS.
 */
import { ConfigError, loadConfig } from './app/config';
import { createDynamoStores } from './app/dynamo-stores';
import { clientOptionsFrom, createDynamoClient } from './app/storage/dynamo-client';
import { createLambdaEntry } from './lambda-adapter/lambda-entry';

// On Lambda the store is DynamoDB unless an endpoint is configured; never the embedded one.
const config = loadConfig(process.env, { defaultStorage: 'aws' });
if (config.storage.kind === 'embedded') {
  throw new ConfigError([
    'STORAGE=embedded is for the local server; use aws or endpoint on Lambda',
  ]);
}
const client = createDynamoClient(clientOptionsFrom(config));

export const handler = createLambdaEntry(config, createDynamoStores(client, config));
