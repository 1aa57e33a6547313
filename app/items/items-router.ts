import { Router } from 'express';
import { sendJson } from '../http/send-json';
import { etagFor, ifNoneMatchMatches, parseIfMatch } from '../http/entity-tags';
import type { ItemInput, ItemPatch, ItemStatus } from './item';
import type { ItemService } from './item-service';

/**
 * HTTP <-> ItemService. Requests reaching these handlers were already validated against
 * openapi.yaml, so bodies and parameters have the declared shapes.
 */
export function createItemsRouter(service: ItemService): Router {
  const router = Router();

  router.post('/v1/items', async (req, res) => {
    const item = await service.create(req.body as ItemInput);
    res
      .status(201)
      .location(`${req.basePath}/v1/items/${item.id}`)
      .setHeader('ETag', etagFor(item.version))
      .json(item);
  });

  router.get('/v1/items', async (req, res) => {
    const page = await service.list({
      // The validator applied the default and coerced the type.
      limit: Number(req.query.limit ?? 20),
      status: req.query.status as ItemStatus | undefined,
      cursor: req.query.cursor as string | undefined,
    });
    sendJson(req, res, page);
  });

  router.get('/v1/items/:id', async (req, res) => {
    const item = await service.get(req.params.id);
    res.setHeader('ETag', etagFor(item.version));
    if (ifNoneMatchMatches(req.get('if-none-match'), item.version)) {
      res.status(304).end();
      return;
    }
    sendJson(req, res, item);
  });

  router.put('/v1/items/:id', async (req, res) => {
    const item = await service.replace(
      req.params.id,
      req.body as ItemInput,
      parseIfMatch(req.get('if-match')),
    );
    res.setHeader('ETag', etagFor(item.version)).json(item);
  });

  router.patch('/v1/items/:id', async (req, res) => {
    const item = await service.update(
      req.params.id,
      req.body as ItemPatch,
      parseIfMatch(req.get('if-match')),
    );
    res.setHeader('ETag', etagFor(item.version)).json(item);
  });

  router.delete('/v1/items/:id', async (req, res) => {
    await service.delete(req.params.id, parseIfMatch(req.get('if-match')));
    res.status(204).end();
  });

  return router;
}
