/** The same bare Express app as se-bare, through serverless-http instead. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import serverless from 'serverless-http';
import { createBareExpressApp } from './shared/bare-express-app';

const proxy = serverless(createBareExpressApp());

export const handler = (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => proxy(event, context) as Promise<APIGatewayProxyResult>;
