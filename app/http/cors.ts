import cors from 'cors';
import type { RequestHandler } from 'express';

/** Headers a browser script on an allowed origin may read, on success and error alike. */
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'X-Request-Id',
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
];

const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'Idempotency-Key',
  'X-Request-Id',
];

/**
 * CORS with an explicit allow-list. An origin not listed gets no CORS headers at all.
 * Requests without an Origin header are not cross-origin requests: they skip the CORS
 * machinery (it would only add `Vary: Origin`, set here directly) — most API traffic.
 */
export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const handle = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return (req, res, next) => {
    // Every answer depends on Origin, also a refused origin's (the library adds nothing when
    // it says no), so that no shared cache serves one origin's answer to another.
    res.setHeader('Vary', 'Origin');
    if (req.headers.origin === undefined) {
      next();
      return;
    }
    handle(req, res, next);
  };
}
