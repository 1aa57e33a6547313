import type { Logger } from 'pino';
import { createApp } from '../app/app';
import { systemClock } from '../app/clock';
import type { Config } from '../app/config';
import type { AppStores } from '../app/app';
import type { InvocationFactsSource } from '../app/http/invocation';
import { createLogger, hideInLogs } from '../app/logger';
import type { RequestObserver } from '../app/observability/request-record';
import { createLambdaHandler, type LambdaHandler } from './create-handler';
import { currentInvocationFacts } from './invocation-facts';
import { createRequestMetrics } from './metrics';
import type { Tracing } from './tracing';
import {
  needsSecrets,
  powertoolsReaders,
  resolveSecrets,
  type ParameterReaders,
} from '../app/secrets';

export interface LambdaEntryOptions {
  /** X-Ray tracing (lambda.ts, when TRACING=true): a subsegment per invocation, annotations. */
  tracing?: Tracing;
  /** Defaults to createLogger(config): JSON lines on stdout. */
  logger?: Logger;
}

/**
 * Cold start = the first invocation of this container, unless Lambda initialised it ahead of
 * any request (provisioned concurrency, SnapStart): then no request paid for the init.
 */
function coldStartTracker(): { next(): boolean; current(): boolean } {
  const initType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  let cold = false;
  let first = initType === undefined || initType === 'on-demand';
  return {
    next: () => {
      cold = first;
      first = false;
      return cold;
    },
    current: () => cold,
  };
}

/**
 * The app as a Lambda handler: createApp with the invocation-facts seam, wrapped for every
 * HTTP event shape. lambda.ts passes the DynamoDB stores; the benchmark passes in-memory
 * ones to compare framework overhead alone.
 *
 * Values held in Secrets Manager or SSM (config `*_SECRET_ID`, `*_PARAM`: the cursor key, the
 * token key or JWKS URL) are read once per container, on the first invocation (nothing calls
 * AWS at import time); a failed read is retried by the next invocation, not cached.
 *
 * Observability, per invocation: the app writes one access line (with awsRequestId and the
 * cold-start flag, from the facts below) and reports the finished request to `observe`; here
 * that becomes CloudWatch EMF metrics (config METRICS), published in one line after the
 * response, and X-Ray annotations when tracing is on.
 */
export function createLambdaEntry(
  config: Config,
  stores: AppStores,
  readers: ParameterReaders = powertoolsReaders,
  options: LambdaEntryOptions = {},
): LambdaHandler {
  const logger = options.logger ?? createLogger(config);
  const { tracing } = options;
  const coldStart = coldStartTracker();
  const metrics = config.observability.metrics
    ? createRequestMetrics({
        namespace: config.observability.metricsNamespace,
        serviceName: config.observability.serviceName,
        logger,
      })
    : undefined;
  const observers = [metrics?.record, tracing?.observe].filter(
    (o): o is RequestObserver => o !== undefined,
  );
  const observe: RequestObserver | undefined =
    observers.length < 2 ? observers[0] : (record) => observers.forEach((o) => o(record));
  const invocation: InvocationFactsSource = () => {
    const facts = currentInvocationFacts();
    if (facts) facts.coldStart = coldStart.current();
    return facts;
  };

  const build = (resolved: Config) =>
    createLambdaHandler(
      createApp({
        config: resolved,
        logger,
        clock: systemClock,
        ...stores,
        invocation,
        observe,
      }),
      { basePath: resolved.http.basePath, logger },
    );
  let serve: LambdaHandler;
  if (!needsSecrets(config)) {
    serve = build(config);
  } else {
    let ready: Promise<LambdaHandler> | undefined;
    serve = async (event, context) => {
      ready ??= resolveSecrets(config, readers)
        .then((resolved) => {
          hideInLogs(logger, resolved.cursorSecret, resolved.auth.secret);
          return build(resolved);
        })
        .catch((err: unknown) => {
          ready = undefined; // let the next invocation try again
          logger.error({ err }, 'start-up failed: secrets could not be read');
          throw err;
        });
      return (await ready)(event, context);
    };
  }

  let handler = serve;
  if (metrics) {
    handler = async (event, context) => {
      try {
        return await serve(event, context);
      } finally {
        metrics.publish(); // one EMF line per invocation, after the response is complete
      }
    };
  }
  if (tracing) handler = tracing.wrap(handler, coldStart.current);
  const inner = handler;
  return (event, context) => {
    if (coldStart.next()) metrics?.coldStart();
    return inner(event, context);
  };
}
