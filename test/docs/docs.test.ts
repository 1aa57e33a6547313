import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Router } from 'express';
import { createDocsRouter, DOCS_CSP, type DocsRouterOptions } from '../../app/docs/docs-router';
import { DOCS_ASSETS } from '../../app/docs/swagger-ui-assets';
import { loadSpec } from '../../app/openapi/spec';
import { bundleEntry, copyDocsAssets } from '../../scripts/build';
import type { LambdaHandler } from '../../lambda-adapter';
import { lambdaTransport, type HttpResponse } from '../support/transport';
import { startTestApi, type TestApi } from '../support/test-app';

const SWAGGER_UI_DIST = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** `directive value value` pairs of a CSP header. */
function directives(csp: string | undefined): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

/** Every script src and stylesheet href of the page, and any inline script or style. */
function pageRefs(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  return {
    scriptSrcs: scripts.map((m) => /\bsrc="([^"]+)"/.exec(m[1] as string)?.[1]),
    inlineScripts: scripts.filter((m) => (m[2] as string).trim() !== ''),
    stylesheets: [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/gi)].map(
      (m) => m[1] as string,
    ),
    inlineStyles: /<style\b|\sstyle=|\son[a-z]+=/i.test(html),
  };
}

const pageUrl = (ref: string) => new URL(ref, 'http://host/docs/');

/** security-headers.ts: the API's policy. */
const API_CSP = new Map([
  ['default-src', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
]);

describe('docs router (ui on)', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.close());

  describe('GET /openapi.json', () => {
    it('serves the parsed contract as JSON, revalidated by ETag', async () => {
      const res = await t.api.get('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual(loadSpec());
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
      // Not a document: it keeps the API's policy.
      expect(directives(res.headers['content-security-policy'])).toEqual(API_CSP);

      const again = await t.api.get('/openapi.json', {
        'If-None-Match': res.headers.etag as string,
      });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    });

    it('answers HEAD with the headers only', async () => {
      const res = await t.api.head('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.text).toBe('');
    });
  });

  describe('GET /docs', () => {
    it('redirects to /docs/ with a relative Location (a stage prefix survives)', async () => {
      const res = await t.api.get('/docs');
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('docs/');
      expect((await t.api.get('/docs?x=1')).headers.location).toBe('docs/?x=1');
    });

    it('serves an HTML page with its own strict CSP and no inline code', async () => {
      const res = await t.api.get('/docs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
      expect(res.headers['x-frame-options']).toBe('DENY');

      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      for (const values of csp.values()) {
        expect(values).not.toContain("'unsafe-inline'");
        expect(values).not.toContain("'unsafe-eval'");
      }

      const refs = pageRefs(res.text);
      expect(refs.inlineScripts).toEqual([]);
      expect(refs.inlineStyles).toBe(false);
      expect(refs.scriptSrcs).toHaveLength(2);
      expect(refs.stylesheets.length).toBeGreaterThan(0);
      // Relative URLs only: same origin, and under whatever prefix the page was reached by.
      for (const ref of [...refs.scriptSrcs, ...refs.stylesheets]) {
        expect(ref).toMatch(/^[\w.-]+(\?[\w.=-]*)?$/);
      }
    });

    it('serves every script and stylesheet the page names, with the right type', async () => {
      const { text } = await t.api.get('/docs/');
      const refs = pageRefs(text);
      const expectAsset = async (ref: string, type: RegExp): Promise<HttpResponse> => {
        const url = pageUrl(ref);
        const res = await t.api.get(url.pathname + url.search);
        expect({ ref, status: res.status }).toEqual({ ref, status: 200 });
        expect(res.headers['content-type']).toMatch(type);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        return res;
      };
      for (const ref of refs.stylesheets) await expectAsset(ref, /^text\/css; charset=utf-8$/);
      const [bundle, initializer] = await Promise.all(
        refs.scriptSrcs.map((ref) =>
          expectAsset(ref as string, /^text\/javascript; charset=utf-8$/),
        ),
      );
      expect(bundle?.text).toBe(
        readFileSync(path.join(SWAGGER_UI_DIST, 'swagger-ui-bundle.js'), 'utf8'),
      );
      // Our initializer, not swagger-ui-dist's Petstore one.
      expect(initializer?.text).toContain('SwaggerUIBundle(');
      expect(initializer?.text).not.toMatch(/petstore/i);
      expect(initializer?.text).toContain("new URL('openapi.json', apiRoot)");
    });

    it('revalidates asset URLs that carry no (or another) version', async () => {
      const res = await t.api.get('/docs/swagger-ui.css?v=0.0.0');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeDefined();
      const again = await t.api.get('/docs/swagger-ui.css', {
        'If-None-Match': res.headers.etag as string,
      });
      expect(again.status).toBe(304);
    });

    it('answers ranges and preconditions on assets as a static file server does', async () => {
      const part = await t.api.get('/docs/index.css', { Range: 'bytes=0-3' });
      expect(part.status).toBe(206);
      expect(part.text).toBe('html');
      expect((await t.api.get('/docs/index.css', { Range: 'bytes=99999-' })).status).toBe(416);
      expect((await t.api.get('/docs/index.css', { 'If-Match': '"nope"' })).status).toBe(412);
      const head = await t.api.head('/docs/swagger-ui.css');
      expect(head.status).toBe(200);
      expect(head.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(head.text).toBe('');
    });

    it('serves nothing else from the swagger-ui-dist folder', async () => {
      for (const p of [
        '/docs/index.html',
        '/docs/swagger-ui-bundle.js.map',
        '/docs/package.json',
        '/docs/..%2Fpackage.json',
        '/docs/%2E%2E%2Fopenapi.yaml',
        '/docs/swagger-ui-standalone-preset.js',
      ]) {
        const res = await t.api.get(p);
        expect({ p, status: res.status }).toEqual({ p, status: 404 });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });

  it("leaves the API routes their own `default-src 'none'` policy", async () => {
    for (const p of ['/health', '/v1/items', '/no-such-route']) {
      const res = await t.api.get(p);
      expect({ p, csp: directives(res.headers['content-security-policy']) }).toEqual({
        p,
        csp: API_CSP,
      });
    }
  });
});

describe('docs router (ui off, the Lambda default)', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi({ env: { DOCS_UI: 'false' } });
  });
  afterAll(() => t.close());

  it('serves /openapi.json but no page', async () => {
    expect((await t.api.get('/openapi.json')).status).toBe(200);
    for (const p of ['/docs', '/docs/', '/docs/swagger-ui-bundle.js']) {
      expect({ p, status: (await t.api.get(p)).status }).toEqual({ p, status: 404 });
    }
  });
});

describe('docs behind API Gateway with a stage prefix (Lambda handler)', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi({ transport: 'rest-v1' });
  });
  afterAll(() => t.close());

  it('keeps the stage in the redirect and serves the page and the bundle as text', async () => {
    // Called on the execute-api domain: https://<id>.execute-api.../prod/docs
    const send = lambdaTransport(t.handler as LambdaHandler, 'rest-v1', {
      stage: 'prod',
      executeApiDomain: true,
    });
    const redirect = await send({ method: 'GET', path: '/docs' });
    expect(redirect.status).toBe(301);
    // Resolved against /prod/docs by the browser: /prod/docs/.
    expect(new URL(redirect.headers.location as string, 'https://h/prod/docs').pathname).toBe(
      '/prod/docs/',
    );

    const page = await send({ method: 'GET', path: '/docs/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);

    const [bundleRef] = pageRefs(page.text).scriptSrcs;
    const bundle = await send({ method: 'GET', path: `/docs/${bundleRef}` });
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(bundle.text.length).toBe(
      readFileSync(path.join(SWAGGER_UI_DIST, 'swagger-ui-bundle.js'), 'utf8').length,
    );
    expect((await send({ method: 'GET', path: '/openapi.json' })).body).toEqual(loadSpec());
  });
});

describe('docs assets outside node_modules (the Lambda build)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'docs-assets-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails at start-up, naming the missing files, when the directory lacks them', () => {
    expect(() => createDocsRouter({ ui: true, assetsDir: dir })).toThrow(
      /Docs UI assets missing in .*swagger-ui-bundle\.js.*DOCS_UI=true/s,
    );
  });

  it('serves the copies the build makes (copyDocsAssets)', async () => {
    const copied = copyDocsAssets(dir);
    expect(copied).toBe(path.join(dir, 'docs-assets'));
    const t = await startTestApi({
      env: { DOCS_UI: 'false' }, // the app's own page off: this router serves /docs
      extraRouter: createDocsRouter({ ui: true, assetsDir: copied }),
    });
    try {
      const page = await t.api.get('/docs/');
      const version = (
        JSON.parse(readFileSync(path.join(SWAGGER_UI_DIST, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      expect(page.text).toContain(`swagger-ui-bundle.js?v=${version}`);
      for (const name of Object.keys(DOCS_ASSETS)) {
        expect({ name, status: (await t.api.get(`/docs/${name}`)).status }).toEqual({
          name,
          status: 200,
        });
      }
    } finally {
      await t.close();
    }
  });

  it('bundles without swagger-ui-dist and finds the copies next to the bundle', async () => {
    // The router as the Lambda bundle holds it: project build settings and plugins.
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `export { createDocsRouter } from ${JSON.stringify(path.resolve(__dirname, '../../app/docs/docs-router'))};`,
    );
    const out = path.join(dir, 'bundle', 'docs.js');
    await bundleEntry(entry, out);
    const meta = JSON.parse(readFileSync(out.replace(/\.js$/, '.meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.filter((f) => f.includes('swagger-ui-dist'))).toEqual([]);
    expect(inputs.some((f) => f.endsWith('app/docs/docs-router.ts'))).toBe(true);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(out) as { createDocsRouter: (o: DocsRouterOptions) => Router };
    // A plain `npm run build`: no assets beside the bundle, no node_modules on Lambda.
    expect(() => bundled.createDocsRouter({ ui: false })).not.toThrow();
    expect(() => bundled.createDocsRouter({ ui: true })).toThrow(
      /Docs UI assets not found: .*DOCS_UI=true npm run build/,
    );

    // DOCS_UI=true npm run build: the assets beside the bundle are found with no option.
    const copied = copyDocsAssets(path.dirname(out));
    // Marked, so the test tells these copies from swagger-ui-dist's own files.
    const css = `${readFileSync(path.join(copied, 'swagger-ui.css'), 'utf8')}\n/* copy */\n`;
    writeFileSync(path.join(copied, 'swagger-ui.css'), css);
    const t = await startTestApi({
      env: { DOCS_UI: 'false' },
      extraRouter: bundled.createDocsRouter({ ui: true }),
    });
    try {
      const res = await t.api.get('/docs/swagger-ui.css');
      expect(res.status).toBe(200);
      expect(res.text).toBe(css);
      expect((await t.api.get('/openapi.json')).body).toEqual(loadSpec());
    } finally {
      await t.close();
    }
  });
});
