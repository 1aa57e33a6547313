import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemsTableDefinition } from '../../app/items/items-table';
import { createDocumentClient } from '../../app/storage/dynamo-client';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../app/storage/embedded-dynamo';
import { ensureTable } from '../../app/storage/ensure-table';

export interface TestStore {
  endpoint: string;
  tableName: string;
  client: DynamoDBDocumentClient;
  /** Stops the store (tests of outages call this mid-run). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** A real dynalite on a random loopback port, in memory, with a fresh items table. */
export async function startTestStore(): Promise<TestStore> {
  const dynamo: EmbeddedDynamo = await startEmbeddedDynamo();
  const tableName = `items-${randomBytes(4).toString('hex')}`;
  const client = createDocumentClient({
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
    connectTimeoutMs: 1000,
    timeoutMs: 2000,
    maxAttempts: 1,
  });
  await ensureTable(client, itemsTableDefinition(tableName));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await dynamo.close();
  };
  return {
    endpoint: dynamo.endpoint,
    tableName,
    client,
    stop,
    close: async () => {
      client.destroy();
      await stop();
    },
  };
}
