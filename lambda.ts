/**
 * Lambda entry: every HTTP front door (API Gateway REST and HTTP APIs, Function URLs, ALB)
 * -> the same Express app as server.ts. Configuration, the DynamoDB client and the app are
 * built once per container, here at init, outside the handler; nothing here calls AWS.
 */
import { ConfigError, loadConfig } from './app/config';
import { createDynamoStores } from './app/dynamo-stores';
import { clientOptionsFrom, createDynamoClient } from './app/storage/dynamo-client';
import { createLambdaEntry } from './lambda-adapter/lambda-entry';
import type * as TracingModule from './lambda-adapter/tracing';

// On Lambda the store is DynamoDB unless an endpoint is configured; never the embedded one.
// Metrics (CloudWatch EMF lines on stdout) are on by default on AWS Lambda itself, which sets
// AWS_LAMBDA_FUNCTION_NAME; off where this bundle runs locally (dev:lambda, tests, bench).
const config = loadConfig(process.env, {
  defaultStorage: 'aws',
  defaultDocsUi: false,
  defaultMetrics: process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined,
});
if (config.storage.kind === 'embedded') {
  throw new ConfigError([
    'STORAGE=embedded is for the local server; use aws or endpoint on Lambda',
  ]);
}

// Required only when TRACING=true: otherwise neither the tracer nor the X-Ray SDK is loaded
// (about 120 ms of cold start). The default bundle holds a stand-in that refuses TRACING=true:
// build with TRACING_BUILD=true for traces (scripts/build.ts).
const tracing = config.observability.tracing
  ? // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./lambda-adapter/tracing') as typeof TracingModule).createTracing({
      serviceName: config.observability.serviceName,
    })
  : undefined;

const client = createDynamoClient(clientOptionsFrom(config));
tracing?.captureClient(client);

export const handler = createLambdaEntry(config, createDynamoStores(client, config), undefined, {
  tracing,
});
