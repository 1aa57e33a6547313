import { Router } from 'express';
import { pageSize } from '../http/page-size';
import { sendJson } from '../http/send-json';
import { sendNdjson } from '../http/send-ndjson';
import { etagFor, ifNoneMatchMatches, parseIfMatch } from '../http/entity-tags';
import type { ItemInput, ItemPatch, ItemStatus } from './item';
import type { ItemService } from './item-service';

/**
 * HTTP <-> ItemService. Requests reaching these handlers were already validated against
 * openapi.yaml, so bodies and parameters have the declared shapes.
 */
export function createItemsRouter(service: ItemService): Router {
  const router = Router({ strict: true });

  router.post('/v1/items', async (req, res) => {
    const item = await service.create(req.body as ItemInput, {
      idempotencyKey: req.get('idempotency-key'),
      // Keys are scoped to the caller: two callers may use the same key independently.
      caller: req.caller?.subject ?? '',
    });
    res
      .status(201)
      .location(`${req.basePath}/v1/items/${item.id}`)
      .setHeader('ETag', etagFor(item.version))
      .json(item);
  });

  router.get('/v1/items', async (req, res) => {
    const page = await service.list({
      // The validator applied the default and coerced the type.
      limit: pageSize(req.query.limit),
      status: req.query.status as ItemStatus | undefined,
      cursor: req.query.cursor as string | undefined,
    });
    sendJson(req, res, page);
  });

  // Before /v1/items/:id, which would otherwise take `export` as an id.
  router.get('/v1/items/export', async (req, res) => {
    const status = req.query.status as ItemStatus | undefined;
    await sendNdjson(req, res, () => service.export({ status }));
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
