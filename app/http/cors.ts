import cors from 'cors';
import type { RequestHandler } from 'express';
import { CORS_RULES } from './cors-rules';

/**
 * CORS with an explicit allow-list. An origin not listed gets no CORS headers at all.
 * Requests without an Origin header are not cross-origin requests: they skip the CORS
 * machinery (it would only add `Vary: Origin`, set here directly) — most API traffic.
 */
export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const handle = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: [...CORS_RULES.methods],
    allowedHeaders: [...CORS_RULES.allowedHeaders],
    exposedHeaders: [...CORS_RULES.exposedHeaders],
    maxAge: CORS_RULES.maxAgeSeconds,
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
