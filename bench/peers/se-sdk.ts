/**
 * se-bare plus what a real service pays at a cold start for DynamoDB: the document client is
 * bundled and constructed at init and, when the bench gives it a store (DYNAMODB_ENDPOINT,
 * TABLE_NAME: the same embedded store this project's cold POST writes to), the process's first
 * POST also writes its item there with a PutItem. So the cold comparison charges both sides for
 * the first write (endpoint and credential resolution, the first connection). Later POSTs keep
 * to the Map, so the warm figures stay framework overhead.
 */
import serverlessExpress from '@codegenie/serverless-express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { RequestHandler } from 'express';
import { createBareExpressApp } from './shared/bare-express-app';

const endpoint = process.env.DYNAMODB_ENDPOINT;
const tableName = process.env.TABLE_NAME;
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION ?? 'us-east-1', endpoint }),
);

let firstWrite = endpoint !== undefined && tableName !== undefined;
/** After the app has answered 201, the first created item also goes to DynamoDB. */
const writeFirstItem: RequestHandler = (req, res, next) => {
  if (!firstWrite || req.method !== 'POST') return next();
  firstWrite = false;
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    client
      .send(new PutCommand({ TableName: tableName, Item: body as Record<string, unknown> }))
      .then(
        () => json(body),
        (err: unknown) => {
          res.status(500);
          json({ error: String(err) });
        },
      );
    return res;
  };
  next();
};

const app = createBareExpressApp(new Map(), writeFirstItem);
// Reachable from the app, so the bundler cannot drop the SDK as dead code.
app.locals.db = client;

const se = serverlessExpress({ app });

// PROMISE resolution mode ignores the callback; the typings only know callback-style Handler.
export const handler = (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => se(event, context, () => {}) as Promise<APIGatewayProxyResult>;
