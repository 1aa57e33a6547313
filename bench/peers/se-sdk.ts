/**
 * se-bare plus the cost of bundling and constructing the DynamoDB document client at init,
 * as a real service would; the client is never called, so storage is still the Map.
 */
import serverlessExpress from '@codegenie/serverless-express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createBareExpressApp } from './shared/bare-express-app';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION ?? 'us-east-1' }),
);

const app = createBareExpressApp();
// Reachable from the app, so the bundler cannot drop the SDK as dead code.
app.locals.db = client;

const se = serverlessExpress({ app });

// PROMISE resolution mode ignores the callback; the typings only know callback-style Handler.
export const handler = (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => se(event, context, () => {}) as Promise<APIGatewayProxyResult>;
