/**
 * The Express app behind se-bare, se-sdk and serverless-http: one app, so those peers differ
 * only in the Lambda adapter (and se-sdk in its init work).
 */
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { createItem, type ItemStore } from './item';
import { validateItemInput } from './validate-item';

export function createBareExpressApp(
  store: ItemStore = new Map(),
  /** Runs after the body parser, before the routes (se-sdk's first real write). */
  before?: RequestHandler,
): Express {
  const app = express();
  app.use(express.json());
  if (before) app.use(before);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.post('/v1/items', (req, res) => {
    const result = validateItemInput(req.body);
    if (!result.ok) {
      res.status(400).json({ error: 'invalid item', details: result.errors });
      return;
    }
    res.status(201).json(createItem(store, result.value));
  });

  // Without this, a malformed JSON body gets Express's HTML error page instead of a JSON 400.
  const jsonErrors: ErrorRequestHandler = (
    err: { status?: number; message?: string },
    _req,
    res,
    _next,
  ) => {
    const status = err.status ?? 500;
    res.status(status).json({ error: status < 500 ? err.message : 'internal error' });
  };
  app.use(jsonErrors);

  return app;
}
