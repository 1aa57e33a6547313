/**
 * HTTP helpers shared by the pre-flight, the connections and the lost-writes check: URLs,
 * headers, ETag versions, the rate-limit policy header, and the per-request timeout.
 */
import type { IncomingHttpHeaders } from 'node:http';

export const REQUEST_TIMEOUT_S = 10;

export function endpoint(baseUrl: URL, route: string): string {
  return `${baseUrl.origin}${basePath(baseUrl)}${route}`;
}

export function basePath(baseUrl: URL): string {
  return baseUrl.pathname.replace(/\/+$/, '');
}

export function headerOf(
  headers: IncomingHttpHeaders | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Our ETags are `"v<version>"` (openapi.yaml). */
export function versionOf(etag: string | null | undefined): number | undefined {
  const m = /^"v(\d+)"$/.exec(etag ?? '');
  return m ? Number(m[1]) : undefined;
}

export function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** `RateLimit-Policy: 120;w=60` (draft 7) or `"p";q=120;w=60` (draft 8). */
export function parseRatePolicy(
  header: string | null,
): { limit: number; windowS: number } | undefined {
  if (!header) return undefined;
  const limit = /(?:^|;)\s*(?:q=)?(\d+)\s*(?=;|$)/.exec(header)?.[1];
  const windowS = /;\s*w=(\d+)/.exec(header)?.[1];
  return limit && windowS ? { limit: Number(limit), windowS: Number(windowS) } : undefined;
}

export function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer within 3 s';
  return err instanceof Error ? err.message : String(err);
}
