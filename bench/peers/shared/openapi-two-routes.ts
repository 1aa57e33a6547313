/**
 * The OpenAPI 3.0.3 contract for the typical-stack peer, as an object: a file path would
 * resolve against the working directory at run time and break once bundled.
 */
import { itemInputSchema } from './item';

const errorResponse = {
  description: 'Invalid request',
  content: { 'application/json': { schema: { type: 'object' } } },
} as const;

export const openApiTwoRoutes = {
  openapi: '3.0.3',
  info: { title: 'bench peer', version: '1.0.0' },
  paths: {
    '/health': {
      get: {
        responses: {
          '200': {
            description: 'Alive',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status'],
                  properties: { status: { type: 'string', enum: ['ok'] } },
                },
              },
            },
          },
        },
      },
    },
    '/v1/items': {
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemInput' } } },
        },
        responses: {
          '201': {
            description: 'Created',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '400': errorResponse,
        },
      },
    },
  },
  components: { schemas: { ItemInput: itemInputSchema } },
} as const;
