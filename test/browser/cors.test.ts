/**
 * CORS as a browser enforces it: pages on two other local origins (other ports) call the API
 * with `fetch`. The allowed one gets through preflights and reads the exposed headers, error
 * responses included; the one not on CORS_ORIGINS is blocked.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  listenApi,
  openPage,
  startStaticOrigin,
  type ListeningApi,
  type PageEvents,
  type StaticOrigin,
} from './harness';
import { testToken } from '../support/tokens';

/** Writes per caller per window; the 429 test spends one caller's budget. */
const RATE_LIMIT_MAX = 3;

/** What a script on the page can see of a response. */
interface Seen {
  status: number;
  body: unknown;
  /** Header name (lower case) to value, or null when the browser withholds it. */
  headers: Record<string, string | null>;
}

type Outcome = { ok: true; res: Seen } | { ok: false; error: string };

interface FetchArgs {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Headers the tests try to read from page scripts (names exposed or not). */
const READ = [
  'content-type',
  'etag',
  'location',
  'x-request-id',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'x-frame-options',
  'strict-transport-security',
  'access-control-allow-origin',
];

/** Calls `fetch` in the page (its origin is the caller's), never throws: reports the outcome. */
function pageFetch(page: Page, args: FetchArgs): Promise<Outcome> {
  return page.evaluate(
    async ({ args, read }) => {
      try {
        const res = await fetch(args.url, {
          method: args.method ?? 'GET',
          headers: args.headers,
          body: args.body,
          mode: 'cors',
          credentials: 'omit',
        });
        const text = await res.text();
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text
        }
        const headers: Record<string, string | null> = {};
        for (const name of read) headers[name] = res.headers.get(name);
        return { ok: true as const, res: { status: res.status, body, headers } };
      } catch (err) {
        return { ok: false as const, error: String(err) };
      }
    },
    { args, read: READ },
  );
}

function succeeded(outcome: Outcome): Seen {
  if (!outcome.ok) throw new Error(`fetch failed in the page: ${outcome.error}`);
  return outcome.res;
}

let browser: Browser;
let api: ListeningApi;
let allowed: StaticOrigin;
let disallowed: StaticOrigin;
let allowedPage: Page;
let allowedEvents: PageEvents;
let disallowedPage: Page;
let disallowedEvents: PageEvents;
let token: string;

beforeAll(async () => {
  [allowed, disallowed] = await Promise.all([
    startStaticOrigin('allowed client'),
    startStaticOrigin('other client'),
  ]);
  [browser, api, token] = await Promise.all([
    launchBrowser(),
    listenApi({
      env: {
        CORS_ORIGINS: `https://app.example.com,${allowed.origin}`,
        RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
      },
    }),
    testToken({ subject: 'browser-user' }),
  ]);
  // Three distinct origins: same host, different ports.
  expect(new Set([api.origin, allowed.origin, disallowed.origin]).size).toBe(3);
  ({ page: allowedPage, events: allowedEvents } = await openPage(browser));
  ({ page: disallowedPage, events: disallowedEvents } = await openPage(browser));
  await allowedPage.goto(`${allowed.origin}/`);
  await disallowedPage.goto(`${disallowed.origin}/`);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api?.close(), allowed?.close(), disallowed?.close()]);
});

const json = (value: unknown) => JSON.stringify(value);

describe('an allowed origin', () => {
  afterEach(() => {
    // Nothing was blocked: a blocked CORS request shows up as a console error and a failure.
    expect(allowedEvents.consoleErrors.filter((m) => /CORS/i.test(m))).toEqual([]);
    expect(allowedEvents.pageErrors).toEqual([]);
    expect(allowedEvents.failedRequests).toEqual([]);
  });

  it('POSTs JSON with Authorization (after a preflight) and reads ETag, Location and X-Request-Id', async () => {
    const before = api.seen.length;
    const created = succeeded(
      await pageFetch(allowedPage, {
        url: `${api.origin}/v1/items`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: json({ name: 'from the browser', tags: ['cors'] }),
      }),
    );
    expect(created.status).toBe(201);
    const item = created.body as { id: string; name: string; version: number };
    expect(item.name).toBe('from the browser');
    expect(created.headers.etag).toBe('"v1"');
    expect(created.headers.location).toBe(`/v1/items/${item.id}`);
    expect(created.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers['ratelimit-policy']).toBeTruthy();
    // Headers the API does not expose stay hidden from the page, though the server sent them.
    expect(created.headers['x-frame-options']).toBeNull();
    expect(created.headers['strict-transport-security']).toBeNull();

    // The browser asked first: an OPTIONS preflight naming the method and both headers.
    const requests = api.seen.slice(before);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'OPTIONS /v1/items',
      'POST /v1/items',
    ]);
    const [preflight] = requests;
    expect(preflight?.origin).toBe(allowed.origin);
    expect(preflight?.requestMethod).toBe('POST');
    expect(preflight?.requestHeaders?.split(',').sort()).toEqual(['authorization', 'content-type']);

    // A simple GET (no preflight) reads the ETag too; a conditional PATCH updates it.
    const read = succeeded(
      await pageFetch(allowedPage, { url: `${api.origin}/v1/items/${item.id}` }),
    );
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"v1"');
    expect(read.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const patched = succeeded(
      await pageFetch(allowedPage, {
        url: `${api.origin}/v1/items/${item.id}`,
        method: 'PATCH',
        headers: {
          'Content-Type': 'application/merge-patch+json',
          Authorization: `Bearer ${token}`,
          'If-Match': '"v1"',
        },
        body: json({ price: 5 }),
      }),
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).toBe('"v2"');
  });

  /** Every error the page gets is a readable problem with the request id header. */
  function expectReadableProblem(res: Seen, status: number): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.body as { status: number; requestId: string; title: string };
    expect(problem.status).toBe(status);
    expect(problem.title).toEqual(expect.any(String));
    expect(res.headers['x-request-id']).toBe(problem.requestId);
    expect(res.headers['access-control-allow-origin']).toBeNull(); // not exposed, but honoured
  }

  it('reads a 400 (invalid body)', async () => {
    const res = succeeded(
      await pageFetch(allowedPage, {
        url: `${api.origin}/v1/items`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: json({ name: 'x', unknown: true }),
      }),
    );
    expectReadableProblem(res, 400);
    expect((res.body as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
  });

  it('reads a 401 (no token on a write, and an invalid token)', async () => {
    const anonymous = succeeded(
      await pageFetch(allowedPage, {
        url: `${api.origin}/v1/items`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: json({ name: 'anonymous' }),
      }),
    );
    expectReadableProblem(anonymous, 401);
    const forged = succeeded(
      await pageFetch(allowedPage, {
        url: `${api.origin}/v1/items`,
        headers: { Authorization: 'Bearer not.a.token' },
      }),
    );
    expectReadableProblem(forged, 401);
  });

  it('reads a 404 (unknown item)', async () => {
    const res = succeeded(
      await pageFetch(allowedPage, { url: `${api.origin}/v1/items/${randomUUID()}` }),
    );
    expectReadableProblem(res, 404);
  });

  it('reads a 429 with Retry-After once its write budget is spent', async () => {
    const flooder = await testToken({ subject: 'browser-flooder' });
    const statuses: number[] = [];
    let last: Seen | undefined;
    for (let i = 0; i <= RATE_LIMIT_MAX; i += 1) {
      last = succeeded(
        await pageFetch(allowedPage, {
          url: `${api.origin}/v1/items`,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${flooder}` },
          body: json({ name: `flood ${i}` }),
        }),
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array<number>(RATE_LIMIT_MAX).fill(201), 429]);
    expectReadableProblem(last as Seen, 429);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.headers.ratelimit).toMatch(/remaining=0/);
  });
});

describe('a disallowed origin', () => {
  /** Every URL the page tried; each must be reported as blocked by CORS policy. */
  const tried: string[] = [];

  function blockedFetch(args: FetchArgs): Promise<Outcome> {
    tried.push(args.url);
    return pageFetch(disallowedPage, args);
  }

  it('is blocked: the preflight fails, the write never happens', async () => {
    const before = api.seen.length;
    const outcome = await blockedFetch({
      url: `${api.origin}/v1/items`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: json({ name: 'from elsewhere' }),
    });
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/TypeError/) });
    // Only the preflight reached the server; the POST itself was never sent.
    expect(api.seen.slice(before).map((r) => `${r.method} ${r.url} ${r.origin}`)).toEqual([
      `OPTIONS /v1/items ${disallowed.origin}`,
    ]);
    const listed = await api.t.api.get('/v1/items?limit=100');
    const names = (listed.body as { items: { name: string }[] }).items.map((i) => i.name);
    expect(names).not.toContain('from elsewhere');
  });

  it('cannot read even a simple GET or an error response', async () => {
    for (const path of ['/health', '/v1/items?limit=1', `/v1/items/${randomUUID()}`]) {
      const outcome = await blockedFetch({ url: `${api.origin}${path}` });
      expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/TypeError/) });
    }
  });

  it('is told why by the browser: CORS policy, not a network failure', async () => {
    const isCors = (m: string) => m.includes('has been blocked by CORS policy');
    const corsMessages = () => disallowedEvents.consoleErrors.filter(isCors);
    // Console events can trail the rejected fetch a little.
    for (let waited = 0; corsMessages().length < tried.length && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(tried).toHaveLength(4);
    expect(corsMessages()).toHaveLength(tried.length);
    for (const url of tried) {
      expect(corsMessages()).toContainEqual(
        expect.stringContaining(`'${url}' from origin '${disallowed.origin}'`),
      );
    }
    // Chromium also logs each blocked load as net::ERR_FAILED; nothing else went wrong.
    const others = disallowedEvents.consoleErrors.filter((m) => !isCors(m));
    expect(others.filter((m) => !m.includes('net::ERR_FAILED'))).toEqual([]);
    expect(disallowedEvents.pageErrors).toEqual([]);
  });
});
