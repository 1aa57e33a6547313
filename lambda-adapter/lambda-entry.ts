import { createApp } from '../app/app';
import { systemClock } from '../app/clock';
import type { Config } from '../app/config';
import type { ItemRepository } from '../app/items/item-repository';
import { createLogger } from '../app/logger';
import { createLambdaHandler, type LambdaHandler } from './create-handler';
import { currentInvocationFacts } from './invocation-facts';

/**
 * The app as a Lambda handler: createApp with the invocation-facts seam, wrapped for every
 * HTTP event shape. lambda.ts passes the DynamoDB repository; the benchmark passes an
 * in-memory one to compare framework overhead alone.
 */
export function createLambdaEntry(config: Config, itemRepository: ItemRepository): LambdaHandler {
  const logger = createLogger(config);
  const app = createApp({
    config,
    logger,
    clock: systemClock,
    itemRepository,
    invocation: currentInvocationFacts,
  });
  return createLambdaHandler(app, { basePath: config.http.basePath, logger });
}
