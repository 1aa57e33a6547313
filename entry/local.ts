import path from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import type { AppDeps } from '../app/app';
import { loadOrCreateLocalSecret } from '../app/config/local-secret';
import { mintToken } from '../app/auth/mint-token';
import type { Config } from '../app/config';
import { needsSecrets, resolveSecrets } from '../app/config/secrets';
import { systemClock } from '../app/core/clock';
import { createLogger, hideInLogs } from '../app/observability/logger';
import type * as PrettyLogs from '../app/observability/pretty-logs';
import { clientOptionsFrom, createDynamoClient } from '../app/storage/dynamo-client';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../app/storage/embedded-dynamo';
import { createDynamoStores, ensureLocalTables } from './dynamo-stores';

/**
 * The local server's wiring (server.ts): its logger, its dependencies (store, keys) and the
 * token it prints. Nothing here runs on Lambda.
 */

export interface Composed {
  deps: AppDeps;
  /** Human-readable description of where data lives, for start-up logs. */
  storeDescription: string;
  close(): Promise<void>;
}

/**
 * Outside production, keys not configured are generated once into DATA_DIR: the token key
 * (when no key source is configured; `npm run token` signs with it too) and the cursor key.
 */
function withLocalKeys(config: Config): Config {
  if (config.env === 'production') return config;
  const { secret, jwksUrl } = config.auth;
  const dataDir = config.storage.dataDir;
  return {
    ...config,
    cursorSecret: config.cursorSecret ?? loadOrCreateLocalSecret(dataDir, 'cursor-secret'),
    auth:
      secret !== undefined || jwksUrl !== undefined
        ? config.auth
        : { ...config.auth, secret: loadOrCreateLocalSecret(dataDir, 'jwt-secret') },
  };
}

/**
 * Wires config into the app's dependencies: reads values kept in Secrets Manager or SSM,
 * settles the token key, picks the store (embedded dynalite unless told otherwise), makes sure
 * the tables exist on local stores, builds the stores.
 * Real AWS is used only when STORAGE=aws says so.
 */
export async function composeDependencies(configured: Config, logger: Logger): Promise<Composed> {
  const config = withLocalKeys(
    needsSecrets(configured) ? await resolveSecrets(configured) : configured,
  );
  // Keys settled here (the local token key, values read from Secrets Manager) never reach a log.
  hideInLogs(logger, config.cursorSecret, config.auth.secret);
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

/**
 * The local server's logger. Readable lines in development (LOG_FORMAT=pretty, the default
 * there): pino-pretty, a devDependency, required only in that case; JSON lines otherwise.
 */
export function localLogger(config: Config): Logger {
  const format =
    config.observability.logFormat ?? (config.env === 'development' ? 'pretty' : 'json');
  let destination: DestinationStream | undefined;
  if (format === 'pretty') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('../app/observability/pretty-logs') as typeof PrettyLogs;
    destination = pretty.prettyDestination();
  }
  return createLogger(config, { destination });
}

/** A ready-to-use token for the local key (none when tokens come from a real issuer). */
export async function devToken(config: Config): Promise<string | undefined> {
  if (config.env === 'production' || config.auth.secret === undefined) return undefined;
  return mintToken({
    secret: config.auth.secret,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    subject: 'dev',
    scopes: ['items:write'],
    expiresIn: '12h',
  });
}
