import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { RateLimitTable } from './rate-limit-table';
import { classifyStoreError } from '../storage/store-errors';

/** Conflicting "start a new window" writes are retried this many times (then it is an error). */
const MAX_ROUNDS = 3;

/**
 * An express-rate-limit store on DynamoDB, so that every Lambda container (and every local
 * process) draws from one budget per caller. One `UpdateItem` per counted request while a
 * window is live (`ADD hits :1` on condition `resetAt > :now`); when the window is missing or
 * over, a second conditional update starts a new one. Both are atomic, so concurrent callers
 * are counted exactly. The window end is in every condition: TTL only cleans up.
 *
 * express-rate-limit wants one store object per limiter; give each limiter its own prefix.
 */
export class DynamoRateLimitStore implements Store {
  /** Counters live in DynamoDB, not in this process. */
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const pk = this.prefix + key;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const live = await this.addToLiveWindow(pk);
        if (live) return live;
        const started = await this.startWindow(pk);
        if (started) return started;
      }
    } catch (err) {
      throw classifyStoreError(err);
    }
    throw new Error(`rate-limit counter ${pk}: no window after ${MAX_ROUNDS} attempts`);
  }

  async decrement(key: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [RateLimitTable.partitionKey]: this.prefix + key },
          UpdateExpression: 'ADD hits :minusOne',
          ConditionExpression: 'resetAt > :now AND hits > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':now': this.now(), ':zero': 0 },
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return; // window over: nothing to undo
      throw classifyStoreError(err);
    }
  }

  async resetKey(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [RateLimitTable.partitionKey]: this.prefix + key },
        }),
      );
    } catch (err) {
      throw classifyStoreError(err);
    }
  }

  /** Counts a hit in the current window; undefined when there is no live window. */
  private async addToLiveWindow(pk: string): Promise<ClientRateLimitInfo | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [RateLimitTable.partitionKey]: pk },
          UpdateExpression: 'ADD hits :one',
          ConditionExpression: 'resetAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':now': this.now() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return {
        totalHits: Number(Attributes?.hits),
        resetTime: new Date(Number(Attributes?.resetAt)),
      };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  /** Starts a window with this hit; undefined when another request started one first. */
  private async startWindow(pk: string): Promise<ClientRateLimitInfo | undefined> {
    const now = this.now();
    const resetAt = now + this.windowMs;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [RateLimitTable.partitionKey]: pk },
          UpdateExpression: 'SET hits = :one, resetAt = :resetAt, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(resetAt) OR resetAt <= :now',
          ExpressionAttributeNames: { '#ttl': RateLimitTable.ttlAttribute },
          ExpressionAttributeValues: {
            ':one': 1,
            ':now': now,
            ':resetAt': resetAt,
            ':ttl': Math.ceil(resetAt / 1000) + 60,
          },
        }),
      );
      return { totalHits: 1, resetTime: new Date(resetAt) };
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }
}
