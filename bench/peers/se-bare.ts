/** Express through @codegenie/serverless-express with nothing but the JSON body parser. */
import serverlessExpress from '@codegenie/serverless-express';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createBareExpressApp } from './shared/bare-express-app';

const se = serverlessExpress({ app: createBareExpressApp() });

// The default resolution mode is PROMISE, which ignores the callback; the typings only know
// the callback-style Handler, hence the no-op callback and the cast.
export const handler = (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => se(event, context, () => {}) as Promise<APIGatewayProxyResult>;
