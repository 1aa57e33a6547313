/**
 * Local server: `npm run dev`. Builds the same app as lambda.ts and listens on PORT.
 * Storage is an embedded DynamoDB (dynalite) keeping data under .data/ unless configured.
 */
import { createServer } from 'node:http';
import { createApp } from './app/app';
import { loadConfig } from './app/config';
import {
  composeDependencies,
  devToken,
  devTokenLines,
  listenFailure,
  localLogger,
  localServer,
  startupFailureText,
} from './entry/local';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = localLogger(config);
  const composed = await composeDependencies(config, logger, localServer);
  const app = createApp(composed.deps);
  const token = await devToken(composed.deps.config);

  // Bounded waits, so a slow or idle client cannot hold a socket: given at creation, because
  // Node arms its expiry check when the server is created (set afterwards, the timeouts were
  // only enforced at its default 30 s interval), and checked every second at most.
  const limits = config.server;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err) => reject(listenFailure(err, config, localServer)));
  });

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
    ...(token ? devTokenLines(url, token) : []),
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

// Bad configuration, a busy port or DATA_DIR: our message, what to do, and exit 1.
main().catch((err: unknown) => {
  console.error(startupFailureText(err));
  process.exit(1);
});
