/** Hono through its own hono/aws-lambda adapter. */
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createItem, type ItemStore } from './shared/item';
import { validateItemInput } from './shared/validate-item';

const store: ItemStore = new Map();
const app = new Hono();

app.get('/health', (c) => c.json({ status: 'ok' }));

app.post('/v1/items', async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return c.json({ error: 'body is not valid JSON' }, 400);
  }
  const result = validateItemInput(body);
  if (!result.ok) return c.json({ error: 'invalid item', details: result.errors }, 400);
  return c.json(createItem(store, result.value), 201);
});

export const handler = handle(app);
