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
 * Secrets held in Secrets Manager (config `*_SECRET_ID`) are read once per container, during
 * init when the runtime allows it; the first invocation waits for them if it has to.
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
  const ready = resolveSecrets(config).then(build);
  // Surface a failed secret read once, at init, rather than only as each invocation fails.
  ready.catch((err: unknown) => logger.fatal({ err }, 'start-up failed'));
  return async (event, context) => (await ready)(event, context);
}
