/**
 * What a user assembles from each library's docs: Express + @codegenie/serverless-express,
 * helmet, express-rate-limit, the JSON body parser and express-openapi-validator, plus a JSON
 * error handler. Validation comes from the OpenAPI contract, not from hand-written code.
 */
import serverlessExpress from '@codegenie/serverless-express';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import express, { type ErrorRequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { createItem, type ItemInput, type ItemStore } from './shared/item';
import { openApiTwoRoutes } from './shared/openapi-two-routes';

const store: ItemStore = new Map();
const app = express();

// Behind API Gateway: the client address comes from the one proxy hop in front of us.
app.set('trust proxy', 1);

app.use(helmet());
// Must precede every async middleware: with serverless-express 4.17, an await before the
// body parser runs leaves it reading an already-drained request, and req.body is lost.
app.use(express.json());
app.use(
  rateLimit({
    windowMs: 60_000,
    limit: 1_000_000,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  }),
);
app.use(
  OpenApiValidator.middleware({
    apiSpec: openApiTwoRoutes,
    validateRequests: true,
    validateResponses: false,
  }),
);

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

app.post('/v1/items', (req, res) => {
  // The validator has already enforced ItemInput.
  res.status(201).json(createItem(store, req.body as ItemInput));
});

const errorHandler: ErrorRequestHandler = (
  err: { status?: number; message?: string; errors?: unknown },
  _req,
  res,
  _next,
) => {
  const status = err.status ?? 500;
  res
    .status(status)
    .json(status < 500 ? { error: err.message, details: err.errors } : { error: 'internal error' });
};
app.use(errorHandler);

const se = serverlessExpress({ app });

// PROMISE resolution mode ignores the callback; the typings only know callback-style Handler.
export const handler = (
  event: APIGatewayProxyEvent,
  context: Context,
): Promise<APIGatewayProxyResult> => se(event, context, () => {}) as Promise<APIGatewayProxyResult>;
