import path from 'node:path';
import type { Logger } from 'pino';
import type { AppDeps } from './app';
import { systemClock } from './clock';
import { loadOrCreateLocalSecret } from './auth/local-secret';
import type { Config } from './config';
import { needsSecrets, resolveSecrets } from './secrets';
import { createDynamoStores, ensureLocalTables } from './dynamo-stores';
import { clientOptionsFrom, createDynamoClient } from './storage/dynamo-client';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './storage/embedded-dynamo';

export interface Composed {
  deps: AppDeps;
  /** Human-readable description of where data lives, for start-up logs. */
  storeDescription: string;
  close(): Promise<void>;
}

/**
 * Outside production, with no token key source configured, the local server verifies tokens
 * with a key generated once into DATA_DIR, which `npm run token` signs with too.
 */
function withTokenKey(config: Config): Config {
  const { secret, jwksUrl } = config.auth;
  if (secret !== undefined || jwksUrl !== undefined || config.env === 'production') return config;
  return {
    ...config,
    auth: { ...config.auth, secret: loadOrCreateLocalSecret(config.storage.dataDir) },
  };
}

/**
 * Wires config into the app's dependencies: reads values kept in Secrets Manager or SSM,
 * settles the token key, picks the store (embedded dynalite unless told otherwise), makes sure
 * the tables exist on local stores, builds the stores.
 * Real AWS is used only when STORAGE=aws says so.
 */
export async function composeDependencies(configured: Config, logger: Logger): Promise<Composed> {
  const config = await withTokenKey(
    needsSecrets(configured) ? await resolveSecrets(configured) : configured,
  );
  let embedded: EmbeddedDynamo | undefined;
  let endpoint = config.storage.endpoint;
  if (config.storage.kind === 'embedded') {
    const dataPath = path.resolve(config.storage.dataDir, 'dynamodb');
    embedded = await startEmbeddedDynamo({ path: dataPath });
    endpoint = embedded.endpoint;
  }
  const client = createDynamoClient(clientOptionsFrom(config, endpoint));
  if (config.storage.kind !== 'aws') {
    for (const table of await ensureLocalTables(client, config)) {
      logger.info({ table }, 'created table');
    }
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
      ...createDynamoStores(client, config),
    },
    storeDescription,
    close: async () => {
      client.destroy();
      await embedded?.close();
    },
  };
}
