/** Fastify through @fastify/aws-lambda, validating the body with its own route schema. */
import awsLambdaFastify from '@fastify/aws-lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import Fastify from 'fastify';
import { createItem, itemInputSchema, type ItemInput, type ItemStore } from './shared/item';

const store: ItemStore = new Map();

const app = Fastify({
  // Fastify's Ajv defaults strip unknown properties and coerce types, which would accept
  // {"name":"x","extra":1} and {"name":1}; the contract rejects both, as plain Ajv does.
  ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
});

app.get('/health', async () => ({ status: 'ok' }));

app.post<{ Body: ItemInput }>(
  '/v1/items',
  { schema: { body: itemInputSchema } },
  async (request, reply) => reply.code(201).send(createItem(store, request.body)),
);

export const handler = awsLambdaFastify<APIGatewayProxyEvent>(app);

// The docs await ready() at top level so the app boots during init, not on the first request.
// CJS has no top-level await; started here, the boot still completes while the runtime
// finishes init. Left unhandled on purpose: a failed boot should crash init, not each request.
void app.ready();
