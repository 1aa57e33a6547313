/**
 * /docs in a real browser: Swagger UI loads under the page's strict CSP, renders every
 * operation of openapi.yaml, and "Try it out" reaches the API it is served by.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { DOCS_CSP } from '../../app/docs/docs-router';
import { loadSpec } from '../../app/openapi/spec';
import { launchBrowser, listenApi, openPage, type ListeningApi, type PageEvents } from './harness';
import { testToken } from '../support/tokens';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface RenderedOperation {
  id: string;
  method: string;
  path: string;
}

/** Every path × method of the contract, as Swagger UI names its blocks (tag, operationId). */
function specOperations(): RenderedOperation[] {
  const spec = loadSpec();
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item?.[method];
      if (!op) return [];
      const tag = op.tags?.[0] ?? 'default';
      return [{ id: `operations-${tag}-${op.operationId}`, method, path }];
    }),
  );
}

/** Records Content-Security-Policy violations; Playwright's init scripts are exempt from CSP. */
const CSP_RECORDER = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

let browser: Browser;
let api: ListeningApi;
let page: Page;
let events: PageEvents;
let pageCsp: string | undefined;

beforeAll(async () => {
  [browser, api] = await Promise.all([launchBrowser(), listenApi()]);
  ({ page, events } = await openPage(browser));
  await page.addInitScript(CSP_RECORDER);
  const res = await page.goto(`${api.origin}/docs/`);
  expect(res?.status()).toBe(200);
  pageCsp = (await res?.headerValue('content-security-policy')) ?? undefined;
  await page.locator('.opblock-summary').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

afterEach(async () => {
  // Nothing the page did may have broken its policy or failed: the CSP is strict on purpose.
  expect(await page.evaluate('window.__cspViolations')).toEqual([]);
  expect(events.consoleErrors).toEqual([]);
  expect(events.pageErrors).toEqual([]);
  expect(events.failedRequests).toEqual([]);
});

it('serves the docs page with its own CSP and renders every operation of the contract', async () => {
  expect(pageCsp).toBe(DOCS_CSP);
  const expected = specOperations();
  expect(expected.length).toBeGreaterThan(0);
  await page.waitForFunction(`document.querySelectorAll('.opblock').length >= ${expected.length}`);

  const rendered: RenderedOperation[] = await page.locator('.opblock').evaluateAll((blocks) =>
    blocks.map((el) => ({
      id: el.id,
      method: el.querySelector('.opblock-summary-method')?.textContent?.toLowerCase() ?? '',
      path: el.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '',
    })),
  );
  const byId = (a: RenderedOperation, b: RenderedOperation) => a.id.localeCompare(b.id);
  expect([...rendered].sort(byId)).toEqual([...expected].sort(byId));
  expect(await page.locator('.opblock-summary').count()).toBe(expected.length);
});

it('shows a lock only where a caller needs a token, open until the token is given', async () => {
  // Reads declare no requirement (`security: []`): no lock. Every write needs a bearer token:
  // a lock, shown open ("unlocked") while no token is authorized, as Swagger UI draws it.
  const spec = loadSpec();
  const locks = await page.locator('.opblock').evaluateAll((blocks) =>
    blocks.map((el) => ({
      id: el.id,
      lock: el.querySelector('.authorization__btn')?.getAttribute('aria-label') ?? 'none',
    })),
  );
  const expected = specOperations().map(({ id, method, path }) => {
    const op = spec.paths[path]?.[method as (typeof METHODS)[number]];
    const needsToken = (op?.security ?? []).length > 0;
    return { id, lock: needsToken ? 'authorization button unlocked' : 'none' };
  });
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  expect([...locks].sort(byId)).toEqual([...expected].sort(byId));
  expect(expected.filter((e) => e.lock === 'none').length).toBeGreaterThan(0);
  expect(expected.filter((e) => e.lock !== 'none').length).toBeGreaterThan(0);
});

/** Expands an operation, turns on "Try it out" and returns its block. */
async function tryOut(id: string): Promise<Locator> {
  const block = page.locator(`#${id}`);
  await block.locator('.opblock-summary').click();
  await block.locator('button.try-out__btn').click();
  await block.locator('button.execute').waitFor();
  return block;
}

/** Presses Execute; resolves with the status Swagger UI shows and the request it sent. */
async function execute(block: Locator, method: string, path: string) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === method && new URL(r.url()).pathname === path,
    ),
    block.locator('button.execute').click(),
  ]);
  const status = block.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor();
  return {
    url: response.url(),
    shownStatus: (await status.textContent())?.trim(),
    shownBody:
      (await block
        .locator('.live-responses-table tbody .response-col_description')
        .first()
        .textContent()) ?? '',
  };
}

it('"Try it out" on GET /health calls this origin and shows 200', async () => {
  const block = await tryOut('operations-health-getLiveness');
  const result = await execute(block, 'GET', '/health');
  expect(result.url).toBe(`${api.origin}/health`);
  expect(result.shownStatus).toBe('200');
  expect(result.shownBody).toContain('"status": "ok"');
});

it('"Try it out" on GET /v1/items reads the store', async () => {
  const created = await api.t.api.post('/v1/items', { name: 'seen-in-docs' });
  expect(created.status).toBe(201);
  const block = await tryOut('operations-items-listItems');
  const result = await execute(block, 'GET', '/v1/items');
  expect(new URL(result.url).origin).toBe(api.origin);
  expect(result.shownStatus).toBe('200');
  expect(result.shownBody).toContain('seen-in-docs');
});

it('"Authorize" with a bearer token, then "Try it out" on POST /v1/items creates an item', async () => {
  await page.locator('.auth-wrapper button.authorize').click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  await dialog
    .locator('input')
    .first()
    .fill(await testToken({ subject: 'docs-user' }));
  await dialog.locator('.auth-btn-wrapper button.authorize').click();
  await dialog.locator('.auth-btn-wrapper button.btn-done, button.close-modal').first().click();
  await dialog.waitFor({ state: 'detached' });

  const block = await tryOut('operations-items-createItem');
  const body = block.locator('textarea.body-param__text');
  await body.fill(JSON.stringify({ name: 'made-in-docs', tags: ['docs'] }));
  const result = await execute(block, 'POST', '/v1/items');
  expect(result.shownStatus).toBe('201');
  expect(result.shownBody).toContain('made-in-docs');

  const listed = await api.t.api.get('/v1/items?limit=100');
  const names = (listed.body as { items: { name: string }[] }).items.map((i) => i.name);
  expect(names).toContain('made-in-docs');
});
