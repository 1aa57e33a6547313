/**
 * Local server: `npm run dev`. Builds the same app as lambda.ts and listens on PORT.
 * Storage is an embedded DynamoDB (dynalite) keeping data under .data/ unless configured.
 */
import { createApp } from './app/app';
import { composeDependencies } from './app/compose';
import { ConfigError, loadConfig } from './app/config';
import { mintToken } from './app/auth/mint-token';
import type { Config } from './app/config';
import { createLogger, hideInLogs } from './app/logger';
import type * as PrettyLogs from './app/observability/pretty-logs';
import type { DestinationStream } from 'pino';

/**
 * Readable lines in development (LOG_FORMAT=pretty, the default there): pino-pretty, a
 * devDependency, required only in that case. JSON lines (undefined: stdout) otherwise.
 */
function prettyDestination(config: Config): DestinationStream | undefined {
  const format =
    config.observability.logFormat ?? (config.env === 'development' ? 'pretty' : 'json');
  if (format !== 'pretty') return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('./app/observability/pretty-logs') as typeof PrettyLogs;
  return pretty.prettyDestination();
}

/** A ready-to-use token for the local key (none when tokens come from a real issuer). */
async function devToken(config: Config): Promise<string | undefined> {
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

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, { destination: prettyDestination(config) });
  const composed = await composeDependencies(config, logger);
  // Keys settled while composing (the local token key, values read from Secrets Manager).
  hideInLogs(logger, composed.deps.config.cursorSecret, composed.deps.config.auth.secret);
  const app = createApp(composed.deps);
  const token = await devToken(composed.deps.config);

  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // Bounded waits so a slow or idle client cannot hold a socket forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, store: composed.storeDescription }, 'ready');
  const lines = [
    `express-lambda-api listening on ${url}`,
    ...(composed.deps.config.docs.ui
      ? [`docs:  ${url}/docs/  (the contract: ${url}/openapi.json)`]
      : []),
    `store: ${composed.storeDescription}`,
    ...(token
      ? [
          `dev token (scope items:write, 12 h; new one: npm run token):`,
          `  export TOKEN=${token}`,
          `try: curl -X POST ${url}/v1/items -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"first"}'`,
        ]
      : []),
  ];
  console.log(`\n${lines.map((l) => `  ${l}`).join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    server.close(() => {
      composed
        .close()
        .then(() => process.exit(0))
        .catch((err: unknown) => {
          logger.error({ err }, 'error while closing the store');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Failed to start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
