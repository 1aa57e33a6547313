import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { createApp, type AppStores } from '../app/app';
import { ConfigError, loadConfig, type Config } from '../app/config';
import {
  needsSecrets,
  powertoolsReaders,
  resolveSecrets,
  type ParameterReaders,
} from '../app/config/secrets';
import { systemClock } from '../app/core/clock';
import { createLogger, hideInLogs } from '../app/observability/logger';
import type { RequestObserver } from '../app/observability/request-record';
import {
  coldStartTracker,
  streamifyResponse,
  type LambdaHandler,
  type StreamingLambdaHandler,
} from '../lambda-adapter';
import { appInvocationFacts, appLambdaHandler, appStreamingHandler } from './lambda-handler';
import { createRequestMetrics } from './metrics';
import { createDynamoStores } from './dynamo-stores';
import type * as TracingModule from './tracing';
import type { Tracing } from './tracing';
import { clientOptionsFrom, createDynamoClient } from '../app/storage/dynamo-client';

export interface LambdaEntryOptions {
  /** X-Ray tracing (lambda.ts, when TRACING=true): a subsegment per invocation, annotations. */
  tracing?: Tracing;
  /** Defaults to createLogger(config): JSON lines on stdout. */
  logger?: Logger;
}

/** The two exports of dist/lambda.js: one app, buffered and streaming. */
export interface LambdaEntries {
  /** Buffered: every front door; responses up to Lambda's 6 MiB. */
  handler: LambdaHandler;
  /** Streaming (awslambda.streamifyResponse): REST in STREAM mode, Function URLs. */
  streamHandler: StreamingLambdaHandler;
}

/**
 * Production always has a cursor key (config rules); elsewhere (dev:lambda sets one from
 * DATA_DIR; tests, the bench) an unset key becomes a random one for this container, never a
 * constant: cursors are then valid only where they were issued, which is said once in the log.
 */
function withCursorKey(config: Config, logger: Logger): Config {
  if (config.cursorSecret !== undefined) return config;
  logger.warn('no CURSOR_SECRET: list cursors are signed with a key of this container only');
  return { ...config, cursorSecret: randomBytes(32).toString('base64url') };
}

/**
 * The app as Lambda handlers, buffered and streaming, sharing one app, one cold-start tracker
 * and one secrets read: createApp with the invocation-facts seam, wrapped for every HTTP event
 * shape. lambda.ts passes the DynamoDB stores; the benchmark passes in-memory
 * ones to compare framework overhead alone.
 *
 * Values held in Secrets Manager or SSM (config `*_SECRET_ID`, `*_PARAM`: the cursor key, the
 * token key or JWKS URL) are read once per container, on the first invocation (nothing calls
 * AWS at import time); a failed read is retried by the next invocation, not cached.
 *
 * Observability, per request: the app writes one access line (with awsRequestId and the
 * cold-start flag, from the invocation's own facts) and reports the finished request to
 * `observe`; here that becomes one CloudWatch EMF line (config METRICS), written at once so
 * that concurrent invocations never share an accumulator, and X-Ray annotations when tracing
 * is on.
 */
export function createLambdaEntries(
  config: Config,
  stores: AppStores,
  readers: ParameterReaders = powertoolsReaders,
  options: LambdaEntryOptions = {},
): LambdaEntries {
  const logger = options.logger ?? createLogger(config);
  const { tracing } = options;
  const metrics = config.observability.metrics
    ? createRequestMetrics({
        namespace: config.observability.metricsNamespace,
        serviceName: config.observability.serviceName,
        logger,
      })
    : undefined;
  // One tracker for the container, whichever adapter instance serves (see `build`); the
  // ColdStart metric is emitted the moment the adapter finds the cold invocation, pings too.
  const processStart = coldStartTracker();
  const coldStart = {
    next: () => {
      const cold = processStart.next();
      if (cold) metrics?.coldStart();
      return cold;
    },
  };
  const observers = [metrics?.record, tracing?.observe].filter(
    (o): o is RequestObserver => o !== undefined,
  );
  const observe: RequestObserver | undefined =
    observers.length < 2
      ? observers[0]
      : (record, line) => observers.forEach((o) => o(record, line));

  const build = (resolved: Config): LambdaEntries => {
    const app = createApp({
      config: withCursorKey(resolved, logger),
      logger,
      clock: systemClock,
      ...stores,
      invocation: appInvocationFacts,
      observe,
    });
    const adapterOptions = { basePath: resolved.http.basePath, logger, coldStart };
    return {
      handler: appLambdaHandler(app, adapterOptions),
      streamHandler: appStreamingHandler(app, adapterOptions),
    };
  };
  let entries: LambdaEntries;
  if (!needsSecrets(config)) {
    entries = build(config);
  } else {
    let ready: Promise<LambdaEntries> | undefined;
    const built = () =>
      (ready ??= resolveSecrets(config, readers)
        .then((resolved) => {
          hideInLogs(logger, resolved.cursorSecret, resolved.auth.secret);
          return build(resolved);
        })
        .catch((err: unknown) => {
          ready = undefined; // let the next invocation try again
          logger.error({ err }, 'start-up failed: secrets could not be read');
          throw err;
        }));
    entries = {
      handler: async (event, context) => (await built()).handler(event, context),
      streamHandler: async (event, stream, context) =>
        (await built()).streamHandler(event, stream, context),
    };
  }

  return {
    handler: tracing ? tracing.wrap(entries.handler) : entries.handler,
    // Marked for the runtime last, outside every wrapper (the mark is a property of the function).
    streamHandler: streamifyResponse(
      tracing ? tracing.wrap(entries.streamHandler) : entries.streamHandler,
    ),
  };
}

/** The buffered handler alone (tests, the bench). */
export function createLambdaEntry(...args: Parameters<typeof createLambdaEntries>): LambdaHandler {
  return createLambdaEntries(...args).handler;
}

/**
 * lambda.ts: the Lambda handlers from the environment. Configuration, the DynamoDB client and
 * the app are built once per container, at init, outside the handler; nothing here calls AWS.
 */
export function lambdaHandlersFromEnv(env: NodeJS.ProcessEnv = process.env): LambdaEntries {
  // On Lambda the store is DynamoDB unless an endpoint is configured; never the embedded one.
  // Metrics (CloudWatch EMF lines on stdout) are on by default on AWS Lambda itself, which sets
  // AWS_LAMBDA_FUNCTION_NAME; off where this bundle runs locally (dev:lambda, tests, bench).
  const config = loadConfig(env, {
    defaultStorage: 'aws',
    defaultDocsUi: false,
    defaultMetrics: env.AWS_LAMBDA_FUNCTION_NAME !== undefined,
  });
  if (config.storage.kind === 'embedded') {
    throw new ConfigError([
      'STORAGE=embedded is for the local server; use aws or endpoint on Lambda',
    ]);
  }

  // Required only when TRACING=true: otherwise neither the tracer nor the X-Ray SDK is loaded
  // (about 120 ms of cold start). The default bundle holds a stand-in that refuses TRACING=true:
  // build with TRACING_BUILD=true for traces (scripts/build.ts).
  const tracing = config.observability.tracing
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('./tracing') as typeof TracingModule).createTracing({
        serviceName: config.observability.serviceName,
      })
    : undefined;

  const client = createDynamoClient(clientOptionsFrom(config));
  tracing?.captureClient(client);
  return createLambdaEntries(config, createDynamoStores(client, config), undefined, { tracing });
}
