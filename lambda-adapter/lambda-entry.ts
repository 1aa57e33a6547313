import { createApp } from '../app/app';
import { systemClock } from '../app/clock';
import type { Config } from '../app/config';
import type { AppDeps } from '../app/app';
import { createLogger } from '../app/logger';
import { createLambdaHandler, type LambdaHandler } from './create-handler';
import { currentInvocationFacts } from './invocation-facts';
import {
  needsSecrets,
  powertoolsReaders,
  resolveSecrets,
  type ParameterReaders,
} from '../app/secrets';

/**
 * The app as a Lambda handler: createApp with the invocation-facts seam, wrapped for every
 * HTTP event shape. lambda.ts passes the DynamoDB stores; the benchmark passes in-memory
 * ones to compare framework overhead alone.
 *
 * Values held in Secrets Manager or SSM (config `*_SECRET_ID`, `*_PARAM`: the cursor key, the
 * token key or JWKS URL) are read once per container, on the first invocation (nothing calls
 * AWS at import time); a failed read is retried by the next invocation, not cached.
 */
export function createLambdaEntry(
  config: Config,
  stores: Pick<AppDeps, 'itemRepository' | 'rateLimitStore' | 'idempotency'>,
  readers: ParameterReaders = powertoolsReaders,
): LambdaHandler {
  const logger = createLogger(config);
  const build = (resolved: Config) =>
    createLambdaHandler(
      createApp({
        config: resolved,
        logger,
        clock: systemClock,
        ...stores,
        invocation: currentInvocationFacts,
      }),
      { basePath: resolved.http.basePath, logger },
    );
  if (!needsSecrets(config)) return build(config);
  let ready: Promise<LambdaHandler> | undefined;
  return async (event, context) => {
    ready ??= resolveSecrets(config, readers)
      .then(build)
      .catch((err: unknown) => {
        ready = undefined; // let the next invocation try again
        logger.error({ err }, 'start-up failed: secrets could not be read');
        throw err;
      });
    return (await ready)(event, context);
  };
}
