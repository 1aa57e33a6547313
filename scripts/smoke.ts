/**
 * `npm run smoke -- <base-url>`: a read/write smoke test against any deployment of this API
 * (local server, `dev:lambda`, or the API Gateway URL from `npm run deploy`). Creates an item,
 * reads, conditionally updates, lists and deletes it, checking statuses and headers on the way.
 * Exit status 0 when every step passes. Writes need a bearer token with scope items:write:
 * API_TOKEN (e.g. `API_TOKEN=$(npm run -s token) npm run smoke -- http://127.0.0.1:3000`).
 */

export interface SmokeStep {
  name: string;
  ok: boolean;
  detail: string;
}

interface Res {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<Res> {
  const res = await fetch(
    new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`),
    {
      method,
      headers: {
        ...(init.body === undefined
          ? {}
          : {
              'content-type':
                method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
            }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(10_000),
    },
  );
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

export async function runSmoke(
  baseUrl: string,
  options: { token?: string; log?: (line: string) => void } = {},
): Promise<SmokeStep[]> {
  const log = options.log ?? (() => undefined);
  const token = options.token;
  const steps: SmokeStep[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    steps.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ` — ${detail}`}`);
    return ok;
  };
  try {
    const health = await call(baseUrl, 'GET', '/health');
    check('GET /health answers 200', health.status === 200, `status ${health.status}`);

    const anonymous = await call(baseUrl, 'POST', '/v1/items', { body: { name: 'anonymous' } });
    check(
      'POST without a token is refused (401, WWW-Authenticate)',
      anonymous.status === 401 && /^Bearer /.test(anonymous.headers.get('www-authenticate') ?? ''),
      `status ${anonymous.status}`,
    );

    const name = `smoke ${new Date().toISOString()}`;
    const created = await call(baseUrl, 'POST', '/v1/items', {
      body: { name, tags: ['smoke'] },
      token,
    });
    const item = created.body as { id?: string; version?: number };
    if (
      !check(
        'POST /v1/items creates (201, Location, ETag)',
        created.status === 201 &&
          !!item.id &&
          created.headers.get('etag') === '"v1"' &&
          !!created.headers.get('location'),
        `status ${created.status}`,
      )
    ) {
      return steps;
    }
    const id = item.id as string;

    const read = await call(baseUrl, 'GET', `/v1/items/${id}`);
    check(
      'GET /v1/items/{id} reads it back',
      read.status === 200 && (read.body as { name?: string }).name === name,
      `status ${read.status}`,
    );

    const notModified = await call(baseUrl, 'GET', `/v1/items/${id}`, {
      headers: { 'if-none-match': '"v1"' },
    });
    check('If-None-Match answers 304', notModified.status === 304, `status ${notModified.status}`);

    const patched = await call(baseUrl, 'PATCH', `/v1/items/${id}`, {
      body: { status: 'archived' },
      headers: { 'if-match': '"v1"' },
      token,
    });
    check(
      'PATCH with If-Match updates (200, ETag "v2")',
      patched.status === 200 && patched.headers.get('etag') === '"v2"',
      `status ${patched.status}`,
    );

    const stale = await call(baseUrl, 'PUT', `/v1/items/${id}`, {
      body: { name },
      headers: { 'if-match': '"v1"' },
      token,
    });
    check(
      'PUT with a stale If-Match is refused (412)',
      stale.status === 412,
      `status ${stale.status}`,
    );

    const list = await call(baseUrl, 'GET', '/v1/items?status=archived&limit=100');
    const listed = ((list.body as { items?: { id: string }[] }).items ?? []).some(
      (i) => i.id === id,
    );
    // Index reads are eventually consistent on DynamoDB: retry briefly before failing.
    let found = listed;
    for (let i = 0; !found && i < 5; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const again = await call(baseUrl, 'GET', '/v1/items?status=archived&limit=100');
      found = ((again.body as { items?: { id: string }[] }).items ?? []).some((x) => x.id === id);
    }
    check(
      'GET /v1/items?status=archived lists it',
      list.status === 200 && found,
      `status ${list.status}`,
    );

    const deleted = await call(baseUrl, 'DELETE', `/v1/items/${id}`, { token });
    check('DELETE answers 204', deleted.status === 204, `status ${deleted.status}`);

    const gone = await call(baseUrl, 'GET', `/v1/items/${id}`);
    check(
      'then GET answers a 404 problem',
      gone.status === 404 && /problem\+json/.test(gone.headers.get('content-type') ?? ''),
      `status ${gone.status}`,
    );
  } catch (err) {
    check('reach the API', false, err instanceof Error ? err.message : String(err));
  }
  return steps;
}

if (require.main === module) {
  const base = process.argv[2];
  if (!base || !/^https?:\/\//.test(base)) {
    console.error('usage: npm run smoke -- <base-url>   (e.g. http://127.0.0.1:3000)');
    process.exit(2);
  }
  console.log(`smoke test against ${base}`);
  if (!process.env.API_TOKEN) {
    console.error('API_TOKEN is not set: writes will be refused (locally: npm run -s token)');
  }
  runSmoke(base, { token: process.env.API_TOKEN, log: console.log })
    .then((steps) => {
      const failed = steps.filter((s) => !s.ok).length;
      console.log(
        failed ? `${failed} of ${steps.length} steps failed` : `all ${steps.length} steps passed`,
      );
      process.exit(failed ? 1 : 0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
