import { declaredScopes } from '../app/openapi/scopes';
import path from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import type { AppDeps } from '../app/app';
import { loadOrCreateLocalSecret } from '../app/config/local-secret';
import { mintToken } from '../app/auth/mint-token';
import { ConfigError, type Config } from '../app/config';
import { needsSecrets, resolveSecrets } from '../app/config/secrets';
import { systemClock } from '../app/core/clock';
import { createLogger, hideInLogs } from '../app/observability/logger';
import type * as PrettyLogs from '../app/observability/pretty-logs';
import { clientOptionsFrom, createDynamoClient } from '../app/storage/dynamo-client';
import {
  EmbeddedStoreLockedError,
  startEmbeddedDynamo,
  type EmbeddedDynamo,
} from '../app/storage/embedded-dynamo';
import { createDynamoStores, ensureLocalTables } from './dynamo-stores';

/**
 * The local server's wiring (server.ts): its logger, its dependencies (store, keys), the
 * token it prints, and what it says when it cannot start (shared with `npm run dev:lambda`).
 * Nothing here runs on Lambda.
 */

/** A local program, as its start-up messages name it. */
export interface LocalEntry {
  /** How the user started it, repeated in advice: `npm run dev`. */
  command: string;
  /** The variable that sets its port: PORT, or LAMBDA_PORT for dev:lambda. */
  portVariable: string;
  /** Its own DATA_DIR to suggest, under the one it was given: `.data/lambda`. */
  ownDataDir: string;
}

/** `npm run dev` (or `npm start`): server.ts. */
export const localServer: LocalEntry = {
  command: launchCommand('server.ts', 'npm run dev'),
  portVariable: 'PORT',
  ownDataDir: 'dev',
};

/**
 * How the user started `entryFile`, to repeat in advice: the npm script running it (npm
 * names it in npm_lifecycle_event), else `fallback`.
 */
export function launchCommand(
  entryFile: string,
  fallback: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const script = env.npm_lifecycle_event;
  if (!script || !env.npm_lifecycle_script?.includes(entryFile)) return fallback;
  return script === 'start' ? 'npm start' : `npm run ${script}`;
}

/**
 * A start-up failure to fix outside the code, worded for the user: what is wrong and what to
 * do. `remedy`: whether the same command can simply be retried once something else is
 * stopped (a busy port or data directory), or only a new start with another environment helps.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly remedy: 'retry' | 'restart',
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The embedded store in DATA_DIR; a DATA_DIR another server holds is a StartupError saying so. */
export async function startDataDirStore(
  dataDir: string,
  entry: LocalEntry,
): Promise<EmbeddedDynamo> {
  try {
    return await startEmbeddedDynamo({ path: path.resolve(dataDir, 'dynamodb') });
  } catch (err) {
    if (!(err instanceof EmbeddedStoreLockedError)) throw err;
    throw new StartupError(
      `DATA_DIR ${dataDir} is in use by another server (npm run dev or npm run dev:lambda). ` +
        `Stop it, or give this one its own directory: ` +
        `DATA_DIR=${path.join(dataDir, entry.ownDataDir)} ${entry.command}`,
      'retry',
    );
  }
}

/** A `listen` failure (the error Node emits) in the words of the variable that fixes it. */
export function listenFailure(
  err: unknown,
  at: { host: string; port: number },
  entry: LocalEntry,
): unknown {
  const { code } = err as NodeJS.ErrnoException;
  const other = at.port < 65535 ? at.port + 1 : 3000;
  const choose = `choose another port: ${entry.portVariable}=${other} ${entry.command}`;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `Port ${at.port} is in use (another \`${entry.command}\`?). Stop that process or ${choose}`,
      'retry',
    );
  }
  if (code === 'EACCES') {
    return new StartupError(
      `Port ${at.port} is not open to this user (below 1024 needs privileges): ${choose}`,
      'restart',
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new StartupError(
      `HOST ${at.host} is not an address of this machine: use 127.0.0.1 (the default) or ` +
        `0.0.0.0 (every interface), e.g. HOST=0.0.0.0 ${entry.command}`,
      'restart',
    );
  }
  return err;
}

/** What `npm run dev`'s watcher (tsx watch, which waits after a failed start) does next. */
const WATCHER_NEXT = {
  restart:
    'npm run dev keeps watching, but reads variables only when it starts: ' +
    'press Ctrl+C and run it again with the fix.',
  retry:
    'npm run dev keeps watching: once the other server has stopped, press Enter (or save ' +
    'any file) to start again; to use another PORT or DATA_DIR, press Ctrl+C and start anew.',
  edit: 'npm run dev keeps watching: save a fix and it starts again (Ctrl+C to stop).',
};

/**
 * What a failed start prints: the problem in our words (never a stack trace), and, under
 * `npm run dev`'s watcher, a last line saying what it waits for: tsx watch keeps running
 * after its child exits, with the environment it started with.
 */
export function startupFailureText(err: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const [message, next] =
    err instanceof ConfigError
      ? [err.message, WATCHER_NEXT.restart]
      : err instanceof StartupError
        ? [err.message, WATCHER_NEXT[err.remedy]]
        : [
            `Failed to start: ${err instanceof Error ? err.message : String(err)}`,
            WATCHER_NEXT.edit,
          ];
  return /\btsx watch\b/.test(env.npm_lifecycle_script ?? '') ? `${message}\n${next}` : message;
}

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
export async function composeDependencies(
  configured: Config,
  logger: Logger,
  entry: LocalEntry = localServer,
): Promise<Composed> {
  const config = withLocalKeys(
    needsSecrets(configured) ? await resolveSecrets(configured) : configured,
  );
  // Keys settled here (the local token key, values read from Secrets Manager) never reach a log.
  hideInLogs(logger, config.cursorSecret, config.auth.secret);
  let embedded: EmbeddedDynamo | undefined;
  let endpoint = config.storage.endpoint;
  if (config.storage.kind === 'embedded') {
    embedded = await startDataDirStore(config.storage.dataDir, entry);
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
    scopes: declaredScopes(),
    expiresIn: '12h',
  });
}

/** The lines that hand the dev token over, as `npm run dev` and `npm run dev:lambda` print them. */
export function devTokenLines(url: string, token: string): string[] {
  return [
    `dev token (scopes ${declaredScopes().join(' ')}, 12 h; new one: npm run token):`,
    `  export TOKEN=${token}`,
    `try: curl -X POST ${url}/v1/items -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"first"}'`,
  ];
}
