/** Pre-flight: one write round trip, so auth and rate-limit problems show before the run. */
import { randomUUID } from 'node:crypto';
import { authHeaders, endpoint, parseRatePolicy } from './http';
import { UsageError } from './usage-error';

export async function preflight(
  baseUrl: URL,
  token: string | undefined,
  connections: number,
): Promise<string[]> {
  const warnings: string[] = [];
  const items = endpoint(baseUrl, '/v1/items');
  const created = await fetch(items, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      ...authHeaders(token),
    },
    body: JSON.stringify({ name: 'load pre-flight', tags: ['load'] }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await created.text();
  if (created.status === 401 || created.status === 403) {
    throw new UsageError(
      `A test write (POST /v1/items) was refused with ${created.status}: ` +
        (token
          ? `the server does not accept this token${created.status === 403 ? ' for items:write' : ''}.`
          : 'the server requires a bearer token with scope items:write.') +
        '\nPass --token <jwt> or set API_TOKEN.' +
        (created.headers.get('www-authenticate')
          ? `\n(WWW-Authenticate: ${created.headers.get('www-authenticate')})`
          : ''),
    );
  }
  if (created.status === 429) {
    throw new UsageError(
      `A test write (POST /v1/items) was rate limited (429, Retry-After ${created.headers.get('retry-after') ?? '?'} s). ` +
        'Restart the server with a large budget for load runs, e.g. RATE_LIMIT_MAX=1000000000.',
    );
  }
  if (created.status !== 201) {
    throw new UsageError(
      `A test write (POST /v1/items) answered ${created.status}, not 201: ${text.slice(0, 500)}`,
    );
  }
  const id = (JSON.parse(text) as { id: string }).id;
  const etag = created.headers.get('etag') ?? '*';
  const deleted = await fetch(`${items}/${id}`, {
    method: 'DELETE',
    headers: { 'if-match': etag, ...authHeaders(token) },
    signal: AbortSignal.timeout(10_000),
  });
  if (deleted.status !== 204) {
    warnings.push(`pre-flight DELETE of ${id} answered ${deleted.status}; the item stays`);
  }
  const policy = parseRatePolicy(
    created.headers.get('ratelimit-policy') ?? deleted.headers.get('ratelimit-policy'),
  );
  // A local server answers hundreds of requests per second per connection; a budget of a few
  // per second per connection will be exhausted at once.
  if (policy && policy.limit / policy.windowS < connections * 10) {
    warnings.push(
      `the server rate-limits each caller to ${policy.limit} requests per ${policy.windowS} s ` +
        '(RateLimit-Policy): expect 429s, which measure the limiter rather than the API. ' +
        'For load runs start the server with RATE_LIMIT_MAX=1000000000 (--spawn does).',
    );
  }
  return warnings;
}
