import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { HttpProblem } from '../http/http-problem';
import { ProblemTypes } from '../http/problem-types';
import { loadSpec, type OpenApiDocument } from '../openapi/spec';
import { docsHtml, INITIALIZER_JS } from './docs-page';
import { BUNDLED_DOCS_ASSETS_DIR, DOCS_ASSETS, type DocsAssetName } from './swagger-ui-assets';

export interface DocsRouterOptions {
  /** Serve the interactive page at /docs/ (Swagger UI). `/openapi.json` is always served. */
  ui: boolean;
  /**
   * Directory holding swagger-ui-dist's files (see swagger-ui-assets.ts). Default: the
   * `docs-assets` directory next to the running bundle when the build copied it there
   * (DOCS_UI=true npm run build), else the installed swagger-ui-dist package.
   */
  assetsDir?: string;
}

/**
 * The docs page's own policy, replacing the API's `default-src 'none'` on /docs responses
 * only. Scripts and styles from this origin only, no inline script or style; data: images
 * for the icons swagger-ui.css embeds; the page fetches only from this origin (the spec and
 * "Try it out"); it cannot be framed, change its base URL or submit forms anywhere.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Revalidate every time (cheap with the ETag): the spec and the page change with a deploy. */
const REVALIDATE = 'no-cache';
/** For URLs that carry their content's version (`?v=`). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const INITIALIZER = 'swagger-initializer.js';
const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * `GET /openapi.json`: the contract as JSON, from the spec the app already holds (parsed once,
 * inlined in the bundle). With `ui`, also `GET /docs/`: Swagger UI, its assets served from
 * disk (never bundled). Mount it at the API root, before the OpenAPI validator: these routes
 * are not part of the contract.
 */
export function createDocsRouter(options: DocsRouterOptions): Router {
  const router = Router();
  const doc = once(loadSpec);
  const spec = once(() => cached(JSON.stringify(doc())));

  const limit = once(() => ifNoneMatchLimit(doc()));
  router.get('/openapi.json', (req, res) => {
    sendCached(req, res, spec(), 'application/json; charset=utf-8', REVALIDATE, limit());
  });
  router.all('/openapi.json', onlyGetAndHead);

  if (!options.ui) return router;

  const dir = resolveAssetsDir(options.assetsDir);
  const assets = statAssets(dir);
  const version = assetsVersion(dir, assets);
  const initializer = cached(INITIALIZER_JS);
  const html = once(() =>
    cached(
      docsHtml(`${doc().info.title} – API docs`, {
        css: [`swagger-ui.css?v=${version}`, `index.css?v=${version}`],
        scripts: [`swagger-ui-bundle.js?v=${version}`, `${INITIALIZER}?v=${initializer.hash}`],
      }),
    ),
  );

  router.get('/docs', (req, res) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    if (!req.path.endsWith('/')) {
      // Relative, so the prefix the client used (an API Gateway stage) is kept.
      const query = req.originalUrl.indexOf('?');
      res.redirect(301, `docs/${query < 0 ? '' : req.originalUrl.slice(query)}`);
      return;
    }
    sendCached(req, res, html(), 'text/html; charset=utf-8', REVALIDATE, limit());
  });

  router.get('/docs/:file', (req, res, next) => {
    const file = req.params.file;
    const versioned = (tag: string) => (req.query.v === tag ? IMMUTABLE : REVALIDATE);
    if (file === INITIALIZER) {
      res.setHeader('Content-Security-Policy', DOCS_CSP);
      sendCached(req, res, initializer, JAVASCRIPT, versioned(initializer.hash), limit());
      return;
    }
    const asset = Object.hasOwn(DOCS_ASSETS, file) ? assets[file as DocsAssetName] : undefined;
    if (!asset) {
      next(); // the usual 404
      return;
    }
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', versioned(version));
    // Express hands the app's `etag` setting (off) to sendFile: the ETag is set here.
    res.setHeader('ETag', asset.etag);
    // send (Express's static file server) streams the file and answers HEAD, ranges and
    // conditional requests.
    res.sendFile(asset.path, { cacheControl: false, dotfiles: 'deny' }, (err?: HttpError) => {
      if (!err) return;
      // send's own refusals (412 on If-Match, 416 on a bad Range): answer them as such.
      if (!res.headersSent && err.status !== undefined && err.status >= 400 && err.status < 500) {
        res.removeHeader('Content-Type');
        res.removeHeader('Cache-Control');
        res.status(err.status).end();
        return;
      }
      next(err);
    });
  });
  router.all(['/docs', '/docs/:file'], onlyGetAndHead);

  return router;
}

/**
 * Any other method on a document: 405 with Allow, as the API's own routes answer (Express
 * would otherwise answer OPTIONS itself, with a 200 text/plain list).
 */
const onlyGetAndHead: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') {
    next(); // a GET the routes above passed on: the usual 404
    return;
  }
  next(
    new HttpProblem(ProblemTypes.methodNotAllowed, `${req.method} method not allowed`, {
      headers: { Allow: 'GET, HEAD' },
    }),
  );
};

/**
 * The longest If-None-Match accepted: the API routes' own limit, read from the contract
 * (`components.parameters.IfNoneMatch`), so the documents and the operations cannot differ.
 */
function ifNoneMatchLimit(doc: OpenApiDocument): number {
  const parameter = doc.components?.parameters?.IfNoneMatch;
  const schema = parameter && 'schema' in parameter ? parameter.schema : undefined;
  const max = schema && 'maxLength' in schema ? schema.maxLength : undefined;
  if (typeof max !== 'number') throw new Error('openapi.yaml: IfNoneMatch declares no maxLength');
  return max;
}

type HttpError = Error & { status?: number };

interface Cached {
  body: string;
  hash: string;
  etag: string;
}

function cached(body: string): Cached {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, hash, etag: `"${hash}"` };
}

/** A generated body with a strong ETag: 304 when the client's copy is current. */
function sendCached(
  req: Request,
  res: Response,
  { body, etag }: Cached,
  contentType: string,
  cacheControl: string,
  maxIfNoneMatch: number,
): void {
  // A longer list is a 400, never parsed.
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && ifNoneMatch.length > maxIfNoneMatch) {
    throw new HttpProblem(ProblemTypes.validation, undefined, {
      errors: [
        {
          path: '/headers/if-none-match',
          message: `must NOT have more than ${maxIfNoneMatch} characters`,
        },
      ],
    });
  }
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(body);
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const MISSING_ASSETS_HINT =
  'On Lambda, build with DOCS_UI=true npm run build (it copies them next to the bundle).';

/** Where swagger-ui-dist's files are (see DocsRouterOptions.assetsDir). */
function resolveAssetsDir(explicit: string | undefined): string {
  if (explicit) return explicit;
  const bundled = path.join(__dirname, BUNDLED_DOCS_ASSETS_DIR);
  if (existsSync(path.join(bundled, 'swagger-ui-bundle.js'))) return bundled;
  try {
    // A file-system lookup only: swagger-ui-dist's code is never imported (nor bundled).
    return path.dirname(require.resolve('swagger-ui-dist/package.json'));
  } catch {
    throw new Error(
      `Docs UI assets not found: neither ${bundled} nor the swagger-ui-dist package. ` +
        MISSING_ASSETS_HINT,
    );
  }
}

interface Asset {
  path: string;
  type: string;
  /** As send computes it (size and mtime), which Express does not let it set here. */
  etag: string;
}

/** Each asset's file and validator; fails at start-up, naming what is missing. */
function statAssets(dir: string): Record<DocsAssetName, Asset> {
  const entries = Object.entries(DOCS_ASSETS).map(([name, type]) => {
    const file = path.join(dir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) return [name, undefined] as const;
    const etag = `W/"${stat.size.toString(16)}-${Math.trunc(stat.mtimeMs).toString(16)}"`;
    return [name, { path: file, type, etag }] as const;
  });
  const missing = entries.filter(([, asset]) => !asset).map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `Docs UI assets missing in ${dir}: ${missing.join(', ')}. ${MISSING_ASSETS_HINT}`,
    );
  }
  return Object.fromEntries(entries) as Record<DocsAssetName, Asset>;
}

/** Tags asset URLs: swagger-ui-dist's version when known, else the bundle file's validator. */
function assetsVersion(dir: string, assets: Record<DocsAssetName, Asset>): string {
  try {
    const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    if (typeof version === 'string' && /^[\w.+-]+$/.test(version)) return version;
  } catch {
    // no package.json: fall through
  }
  return assets['swagger-ui-bundle.js'].etag.slice(3, -1); // W/"size-mtime" -> size-mtime
}
