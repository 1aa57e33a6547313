/**
 * The CORS rules of every front door, declared once: the app applies them (cors.ts) and the
 * infrastructure gives a Function URL the same ones (infra/lib/api-function.ts), because a
 * Function URL with CORS configured answers preflights itself.
 */
export const CORS_RULES = {
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  /** Request headers a browser script may send. */
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    'If-Match',
    'If-None-Match',
    'Idempotency-Key',
    'X-Request-Id',
  ],
  /** Headers a browser script on an allowed origin may read, on success and error alike. */
  exposedHeaders: [
    'ETag',
    'Location',
    'X-Request-Id',
    'RateLimit',
    'RateLimit-Policy',
    'Retry-After',
  ],
  maxAgeSeconds: 600,
} as const;
