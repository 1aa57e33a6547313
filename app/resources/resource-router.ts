import { Router } from 'express';
import { etagFor, ifNoneMatchMatches, parseIfMatch } from '../http/entity-tags';
import { pageSize } from '../http/page-size';
import { sendJson } from '../http/send-json';
import type { ResourceRecord } from './resource-definition';
import type { ResourceService } from './resource-service';

/**
 * HTTP <-> a generated resource's service, at `/v1/<name>` and `/v1/<name>/{id}`: the same
 * answers as the items routes (201 with Location and ETag, 304 on If-None-Match, If-Match on
 * every write). Requests were validated against openapi.yaml, scopes included.
 */
export function createResourceRouter<R extends ResourceRecord>(
  service: ResourceService<R>,
): Router {
  const router = Router({ strict: true });
  const collection = `/v1/${service.resource.name}`;

  router.post(collection, async (req, res) => {
    const record = await service.create(req.body as Record<string, unknown>);
    res
      .status(201)
      .location(`${req.basePath}${collection}/${record.id}`)
      .setHeader('ETag', etagFor(record.version))
      .json(record);
  });

  router.get(collection, async (req, res) => {
    const page = await service.list({
      limit: pageSize(req.query.limit),
      cursor: req.query.cursor as string | undefined,
    });
    sendJson(req, res, page);
  });

  router.get(`${collection}/:id`, async (req, res) => {
    const record = await service.get(req.params.id);
    res.setHeader('ETag', etagFor(record.version));
    if (ifNoneMatchMatches(req.get('if-none-match'), record.version)) {
      res.status(304).end();
      return;
    }
    sendJson(req, res, record);
  });

  router.put(`${collection}/:id`, async (req, res) => {
    const record = await service.replace(
      req.params.id,
      req.body as Record<string, unknown>,
      parseIfMatch(req.get('if-match')),
    );
    res.setHeader('ETag', etagFor(record.version)).json(record);
  });

  router.patch(`${collection}/:id`, async (req, res) => {
    const record = await service.update(
      req.params.id,
      req.body as Record<string, unknown>,
      parseIfMatch(req.get('if-match')),
    );
    res.setHeader('ETag', etagFor(record.version)).json(record);
  });

  router.delete(`${collection}/:id`, async (req, res) => {
    await service.delete(req.params.id, parseIfMatch(req.get('if-match')));
    res.status(204).end();
  });

  return router;
}
