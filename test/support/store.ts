import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  /**
   * Starts the store again on the same port after stop(): the outage is over. A persistent
   * store comes back with its data; an in-memory one comes back with an empty items table.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestStoreOptions {
  /** Keep the data on disk (a temporary directory, removed by close) so it survives restart(). */
  persistent?: boolean;
}

/** A real dynalite on a random loopback port, in memory unless asked, with a fresh items table. */
export async function startTestStore(options: TestStoreOptions = {}): Promise<TestStore> {
  const dataDir = options.persistent
    ? await mkdtemp(path.join(tmpdir(), 'items-store-'))
    : undefined;
  let dynamo: EmbeddedDynamo = await startEmbeddedDynamo({ path: dataDir });
  const port = Number(new URL(dynamo.endpoint).port);
  const tableName = `items-${randomBytes(4).toString('hex')}`;
  const client = createDocumentClient({
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
    connectTimeoutMs: 1000,
    timeoutMs: 2000,
    maxAttempts: 1,
  });
  await ensureTable(client, itemsTableDefinition(tableName));
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    await dynamo.close();
  };
  return {
    endpoint: dynamo.endpoint,
    tableName,
    client,
    stop,
    restart: async () => {
      await stop();
      dynamo = await startEmbeddedDynamo({ path: dataDir, port });
      running = true;
      await ensureTable(client, itemsTableDefinition(tableName));
    },
    close: async () => {
      client.destroy();
      await stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
