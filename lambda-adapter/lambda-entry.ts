import { createApp } from '../app/app';
import { systemClock } from '../app/clock';
import type { Config } from '../app/config';
import type { ItemRepository } from '../app/items/item-repository';
import { createLogger } from '../app/logger';
import { createLambdaHandler, type LambdaHandler } from './create-handler';
import { currentInvocationFacts } from './invocation-facts';
import { resolveSecrets } from './secrets';

/**
 * The app as a Lambda handler: createApp with the invocation-facts seam, wrapped for every
 * HTTP event shape. lambda.ts passes the DynamoDB repository; the benchmark passes an
 * in-memory one to compare framework overhead alone.
 *
 * Secrets held in Secrets Manager (config `*_SECRET_ID`) are read once per container, on the
 * first invocation (extensions are not guaranteed to serve during init, and nothing calls
 * AWS at import time); a failed read is retried by the next invocation, not cached.
 */
export function createLambdaEntry(config: Config, itemRepository: ItemRepository): LambdaHandler {
  const logger = createLogger(config);
  const build = (resolved: Config) =>
    createLambdaHandler(
      createApp({
        config: resolved,
        logger,
        clock: systemClock,
        itemRepository,
        invocation: currentInvocationFacts,
      }),
      { basePath: resolved.http.basePath, logger },
    );
  if (!config.cursorSecretId) return build(config);
  let ready: Promise<LambdaHandler> | undefined;
  return async (event, context) => {
    ready ??= resolveSecrets(config)
      .then(build)
      .catch((err: unknown) => {
        ready = undefined; // let the next invocation try again
        logger.error({ err }, 'start-up failed: secrets could not be read');
        throw err;
      });
    return (await ready)(event, context);
  };
}
