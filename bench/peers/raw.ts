/** The floor: the two routes written directly against the REST v1 proxy event, no framework. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createItem, type ItemStore } from './shared/item';
import { validateItemInput } from './shared/validate-item';

const store: ItemStore = new Map();

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function parseBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null) return undefined;
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  return JSON.parse(text) as unknown;
}

export const handler = async (
  event: APIGatewayProxyEvent,
  _context: Context,
): Promise<APIGatewayProxyResult> => {
  if (event.httpMethod === 'GET' && event.path === '/health') return json(200, { status: 'ok' });

  if (event.httpMethod === 'POST' && event.path === '/v1/items') {
    let body: unknown;
    try {
      body = parseBody(event);
    } catch {
      return json(400, { error: 'body is not valid JSON' });
    }
    const result = validateItemInput(body);
    if (!result.ok) return json(400, { error: 'invalid item', details: result.errors });
    return json(201, createItem(store, result.value));
  }

  return json(404, { error: 'not found' });
};
