import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { IdempotencyInProgressError, IdempotencyKeyReusedError } from '../core/errors';
import type { IdempotencyGuard } from './idempotency-guard';
import { classifyStoreError } from '../storage/store-errors';

export interface PowertoolsIdempotencyOptions {
  client: DynamoDBClient;
  tableName: string;
  /** How long a key is remembered. */
  ttlS: number;
  /**
   * Upper bound of one request, after which an unfinished ("in progress") record no longer
   * blocks its key: the Lambda timeout. Powertools reads it from a Lambda context; outside
   * Lambda it has none and an interrupted request would block the key for the whole TTL.
   */
  requestTimeoutMs: number;
  /** Names the records (Powertools defaults to the Lambda function name, empty locally). */
  keyPrefix: string;
}

/** The payload Powertools hashes: `key` identifies the record, `request` must match on repeats. */
interface Payload {
  key: string;
  request: unknown;
}

/**
 * What the record keeps: the result as JSON text. Powertools would otherwise store the result
 * as DynamoDB attributes, and DynamoDB numbers cannot hold every JSON number (1e-131
 * underflows), which the items themselves avoid by storing prices as strings.
 */
interface Stored {
  json: string;
}

/**
 * IdempotencyGuard on @aws-lambda-powertools/idempotency with its DynamoDB persistence layer.
 * Verified on dynalite (test/idempotency/powertools-idempotency-guard.test.ts): expiry is checked in the library's own
 * conditions, so dynalite's missing TTL deletion does not matter, and when DynamoDB does not
 * return the conflicting item on a failed condition, the library reads it.
 */
export class PowertoolsIdempotencyGuard implements IdempotencyGuard {
  private readonly runOnce: (payload: Payload, operation: () => Promise<Stored>) => Promise<Stored>;

  constructor(options: PowertoolsIdempotencyOptions) {
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'request',
      expiresAfterSeconds: options.ttlS,
      throwOnNoIdempotencyKey: true,
    });
    // One constant context for every call: only its remaining time is read.
    config.registerLambdaContext({
      getRemainingTimeInMillis: () => options.requestTimeoutMs,
    } as Context);
    // One persistence layer per wrapped function (the layer remembers the function's name).
    this.runOnce = makeIdempotent(
      async (_payload: Payload, operation: () => Promise<Stored>) => operation(),
      {
        persistenceStore: new DynamoDBPersistenceLayer({
          tableName: options.tableName,
          awsSdkV3Client: options.client,
        }),
        config,
        keyPrefix: options.keyPrefix,
      },
    );
  }

  async run<T extends object>(
    key: string,
    request: unknown,
    operation: () => Promise<T>,
  ): Promise<T> {
    try {
      const stored = await this.runOnce({ key, request }, async () => ({
        json: JSON.stringify(await operation()),
      }));
      return JSON.parse(stored.json) as T;
    } catch (err) {
      if (err instanceof IdempotencyValidationError) throw new IdempotencyKeyReusedError();
      if (err instanceof IdempotencyAlreadyInProgressError) throw new IdempotencyInProgressError();
      if (err instanceof IdempotencyPersistenceLayerError) throw classifyStoreError(err.cause);
      throw err;
    }
  }
}
