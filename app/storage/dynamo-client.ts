import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config';

export interface DynamoClientOptions {
  region: string;
  /** Set for dynalite or any DynamoDB-compatible endpoint; unset means real AWS. */
  endpoint?: string;
  connectTimeoutMs: number;
  /** Whole-request deadline per attempt (not just socket idleness). */
  timeoutMs: number;
  maxAttempts: number;
}

/**
 * One document client per process. Timeouts and retries come from config so a slow store
 * fails fast, well inside the Lambda timeout. Local endpoints get dummy credentials: the
 * process never reaches real AWS just because credentials happen to be on the machine.
 */
export function createDocumentClient(options: DynamoClientOptions): DynamoDBDocumentClient {
  return documentClientFor(createDynamoClient(options));
}

/** The low-level client (Powertools' idempotency layer wants this one). */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    maxAttempts: options.maxAttempts,
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs,
      requestTimeout: options.timeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}

/** A document client sharing `client`'s connections and settings. */
export function documentClientFor(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function clientOptionsFrom(config: Config, endpoint?: string): DynamoClientOptions {
  return {
    region: config.storage.region,
    endpoint: endpoint ?? config.storage.endpoint,
    connectTimeoutMs: config.storage.connectTimeoutMs,
    timeoutMs: config.storage.timeoutMs,
    maxAttempts: config.storage.maxAttempts,
  };
}
