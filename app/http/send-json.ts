import type { Request, Response } from 'express';

/**
 * Sends a JSON body, or for HEAD only the headers a GET would carry (Content-Type and
 * Content-Length). HEAD never goes through res.json, whose body the response validator
 * would rightly reject for a bodiless HEAD response.
 */
export function sendJson(req: Request, res: Response, body: unknown, contentType?: string): void {
  if (contentType) res.type(contentType);
  if (req.method !== 'HEAD') {
    res.json(body);
    return;
  }
  if (!res.get('Content-Type')) res.type('application/json');
  res.setHeader('Content-Length', Buffer.byteLength(JSON.stringify(body)));
  res.end();
}
