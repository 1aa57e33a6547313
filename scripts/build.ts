/**
 * `npm run build`: bundles lambda.ts into dist/lambda.js with esbuild — the artifact that
 * ships (infra deploys it) and that test/build loads. Target node24, the runtime the tests run
 * on (the `node` devDependency) and Lambda's nodejs24.x; minified, with an external source map; the
 * AWS SDK is bundled (the deployed code is exactly the tested code), except the two clients in
 * RUNTIME_PROVIDED_CLIENTS, which come from the Lambda runtime.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { OpenAPISchemaValidator } from 'express-openapi-validator/dist/framework/openapi.schema.validator';
import { parse } from 'yaml';
import { validatorSpec } from '../app/openapi/validator-spec';
import {
  BUNDLED_DOCS_ASSETS_DIR,
  DOCS_ASSET_EXTRAS,
  DOCS_ASSETS,
} from '../app/docs/swagger-ui-assets';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'dist');
const OUT_FILE = path.join(OUT_DIR, 'lambda.js');

/**
 * app/openapi/spec.ts reads openapi.yaml from disk, which a bundle cannot; this replaces the
 * module with one holding the contract already parsed and validated (and drops the YAML
 * parser). The spec is checked against the OpenAPI meta-schema here, once, instead of in
 * every cold start.
 */
function inlineOpenApiSpec(): Plugin {
  const specPath = path.join(ROOT, 'app', 'openapi', 'spec.ts');
  return {
    name: 'inline-openapi-spec',
    setup(b) {
      b.onLoad({ filter: /[\\/]app[\\/]openapi[\\/]spec\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== specPath) return undefined;
        const spec = parse(readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8')) as {
          openapi: string;
        };
        assertValidSpec(spec);
        return {
          loader: 'ts',
          resolveDir: path.dirname(specPath),
          contents: [
            `import { validatorSpec } from './validator-spec';`,
            `const SPEC = ${JSON.stringify(spec)};`,
            // Production's validator document (no response schemas), prepared here, not at cold start.
            `const VALIDATOR_SPEC = ${JSON.stringify(validatorSpec(spec as never, false))};`,
            `export const SPEC_PATH = 'openapi.yaml (inlined at build time)';`,
            `export const SPEC_PREVALIDATED = true;`,
            `export function loadSpec() { return structuredClone(SPEC); }`,
            `export function loadValidatorSpec(validateResponses) {`,
            `  return validateResponses ? validatorSpec(SPEC, true) : structuredClone(VALIDATOR_SPEC);`,
            `}`,
          ].join('\n'),
        };
      });
    },
  };
}

/** The real meta-schema check, at build time (the bundle carries a stub, see build-shims). */
function assertValidSpec(spec: { openapi: string }): void {
  const validator = new OpenAPISchemaValidator({ version: spec.openapi, validateApiSpec: true });
  const { errors } = validator.validate(spec as never);
  if (errors && errors.length > 0) {
    throw new Error(
      `openapi.yaml is not a valid OpenAPI document:\n${JSON.stringify(errors, null, 2)}`,
    );
  }
}

/** Marks leanModules' own look-up of a module it replaces, so that look-up is not replaced. */
const RESOLVING_REAL_MODULE = Symbol('resolving the real module');

/**
 * Swaps modules the bundle requires but never needs at run time for small stand-ins, each
 * explained in its file under scripts/build-shims/. The behaviour they back (415 for other
 * charsets and for multipart, DynamoDB credentials from the environment or a container
 * endpoint) is asserted by test/build against the built file.
 */
function leanModules(): Plugin {
  const shims: Record<string, string> = {
    'iconv-lite': 'iconv-lite.js',
    multer: 'multer.js',
    'js-yaml': 'js-yaml.js',
    bowser: 'bowser.js',
    'object-inspect': 'object-inspect.js',
    'thread-stream': 'thread-stream.js',
    'lodash.clonedeep': 'lodash-clonedeep.js',
    '@apidevtools/json-schema-ref-parser': 'json-schema-ref-parser.js',
  };
  // Exactly the names above (esbuild filters are Go regexps: the names are escaped).
  const names = Object.keys(shims).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'lean-modules',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
        path: path.join(ROOT, 'scripts', 'build-shims', shims[args.path] as string),
      }));
      b.onResolve({ filter: /^path-to-regexp$/ }, (args) =>
        args.importer.includes(`${path.sep}express-openapi-validator${path.sep}`)
          ? { path: path.join(ROOT, 'scripts', 'build-shims', 'path-to-regexp-memo.js') }
          : undefined,
      );
      // The DynamoDB client's default credential chain, cut to the links that can answer on
      // Lambda (environment, container/instance metadata). The stand-in's own requires resolve
      // from the real package's directory, so it gets the very copies the real module would.
      b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, async (args) => {
        if (args.pluginData === RESOLVING_REAL_MODULE) return undefined;
        const real = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: RESOLVING_REAL_MODULE,
        });
        if (real.errors.length > 0) return { errors: real.errors };
        return {
          path: path.join(ROOT, 'scripts', 'build-shims', 'credential-provider-lambda.js'),
          pluginData: { resolveDir: path.dirname(real.path) },
        };
      });
      b.onLoad({ filter: /[\\/]build-shims[\\/]credential-provider-lambda\.js$/ }, (args) => ({
        loader: 'js',
        contents: readFileSync(args.path, 'utf8'),
        resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
      }));
      // The DynamoDB client and document client as ES modules (their `module` entry; esbuild
      // takes `main` on node, CommonJS): tree-shaking then drops the schemas of the commands
      // the app never sends. Only these two: flipping mainFields for everything gave a bundle
      // that does not load. The built file's behaviour is asserted by test/build.
      b.onResolve({ filter: /^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/ }, (args) => ({
        path: path.join(
          path.dirname(require.resolve(`${args.path}/package.json`, { paths: [args.resolveDir] })),
          'dist-es',
          'index.js',
        ),
      }));
      b.onResolve({ filter: /openapi\.schema\.validator$/ }, (args) =>
        args.importer.includes(`${path.sep}express-openapi-validator${path.sep}`)
          ? { path: path.join(ROOT, 'scripts', 'build-shims', 'openapi-schema-validator.js') }
          : undefined,
      );
      // mime-db is 150 KB of media types; the app only ever names a handful (always in full,
      // e.g. application/json), so the bundle carries just those entries, copied from mime-db.
      b.onResolve({ filter: /^mime-db$/ }, () => ({ path: 'mime-db', namespace: 'lean-mime-db' }));
      b.onLoad({ filter: /.*/, namespace: 'lean-mime-db' }, () => {
        const db = JSON.parse(readFileSync(require.resolve('mime-db/db.json'), 'utf8')) as Record<
          string,
          unknown
        >;
        const subset = Object.fromEntries(KEPT_MEDIA_TYPES.map((t) => [t, db[t] ?? {}]));
        return { loader: 'json', contents: JSON.stringify(subset) };
      });
    },
  };
}

/**
 * entry/lambda-entry.ts `require`s entry/tracing (Powertools Tracer and aws-xray-sdk-core,
 * ≈125 KB) only when TRACING=true. Unless the build opts in (TRACING_BUILD=true), that module
 * is replaced by a stand-in that refuses TRACING=true at init, so the default bundle is as
 * small as before tracing existed. test/observability/tracing.test.ts checks both builds.
 */
function tracerStandIn(): Plugin {
  const tracingModule = path.join(ROOT, 'entry', 'tracing');
  return {
    name: 'tracer-stand-in',
    setup(b) {
      b.onResolve({ filter: /[\\/]tracing$/ }, (args) =>
        path.resolve(args.resolveDir, args.path) === tracingModule
          ? { path: path.join(ROOT, 'scripts', 'build-shims', 'tracing-off.js') }
          : undefined,
      );
    },
  };
}

/**
 * AWS SDK clients left out of the bundle and taken from the Lambda runtime: nodejs24.x ships
 * AWS SDK for JavaScript v3 on its NODE_PATH (/var/runtime/node_modules), so
 * `require("@aws-sdk/client-ssm")` resolves there, and locally (npm run dev:lambda, test/build,
 * the bench) to this project's node_modules. Together ≈230 KB minified, and the bundle only
 * reaches them through app/config/secrets.ts's `import('@aws-lambda-powertools/parameters/...')`,
 * which runs once per container and only when a `*_SECRET_ID` or `JWKS_URL_PARAM` is
 * configured: the require stays inside that lazily evaluated module, so neither is loaded at
 * init (test/build asserts both: the list of external requires, and nothing required at load).
 * Powertools declares them as peers `>=3.x`, so the runtime's SDK version is accepted. The
 * DynamoDB client, used on every request, stays bundled (pinned, tested, no resolution cost).
 */
export const RUNTIME_PROVIDED_CLIENTS = [
  '@aws-sdk/client-ssm',
  '@aws-sdk/client-secrets-manager',
] as const;

const KEPT_MEDIA_TYPES = [
  'application/json',
  'application/problem+json',
  'application/merge-patch+json',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'application/javascript',
  'application/xml',
  'application/yaml',
  'multipart/form-data',
  'text/plain',
  'text/html',
  'text/css',
  'text/javascript',
  'text/csv',
  'text/xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/svg+xml',
  'image/webp',
];

export interface BuildResult {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Bundles one entry the way the Lambda ships: the project's esbuild settings and plugins.
 * Also used by bench/ for the warm-path target, so it measures the shipped code.
 */
export async function bundleEntry(
  entry: string,
  outfile: string,
  options: {
    minify?: boolean;
    /** False for bench peers: they ship as any user would bundle them, without our stand-ins. */
    projectPlugins?: boolean;
    /** Bundle the real X-Ray tracer (TRACING_BUILD=true); default: the stand-in. */
    tracing?: boolean;
  } = {},
): Promise<BuildResult> {
  mkdirSync(path.dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    // Unminified only to read CPU profiles (bench/README.md, "Profiling").
    minify: options.minify ?? true,
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    plugins:
      options.projectPlugins === false
        ? []
        : [inlineOpenApiSpec(), leanModules(), ...(options.tracing ? [] : [tracerStandIn()])],
    external: [
      // Never bundled: app/docs only looks its files up on disk (require.resolve), see copyDocsAssets.
      'swagger-ui-dist',
      ...(options.projectPlugins === false ? [] : RUNTIME_PROVIDED_CLIENTS),
    ],
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(result.metafile));
  return sizeOf(outfile);
}

/** Minified and gzip size of a built file. */
function sizeOf(file: string): BuildResult {
  const code = readFileSync(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length };
}

/**
 * Opt-in (DOCS_UI=true npm run build): copies the Swagger UI files the docs page serves into
 * <outDir>/docs-assets, where app/docs/docs-router.ts looks for them next to the bundle. They
 * are served from disk, never bundled: dist/lambda.js is the same with or without them.
 */
export function copyDocsAssets(outDir: string = OUT_DIR): string {
  const from = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const to = path.join(outDir, BUNDLED_DOCS_ASSETS_DIR);
  mkdirSync(to, { recursive: true });
  for (const name of [...Object.keys(DOCS_ASSETS), ...DOCS_ASSET_EXTRAS]) {
    copyFileSync(path.join(from, name), path.join(to, name));
  }
  return to;
}

export async function buildLambda(
  options: { docsUi?: boolean; tracing?: boolean } = {},
): Promise<BuildResult> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const result = await bundleEntry(path.join(ROOT, 'lambda.ts'), OUT_FILE, {
    tracing: options.tracing,
  });
  if (options.docsUi) copyDocsAssets();
  return result;
}

/**
 * The optional API Gateway Lambda authorizer (authorizer.ts) -> dist/authorizer.js, next to
 * lambda.js (infra deploys it only for a stage with `authorizer: true`, and leaves it out of
 * the API function's code). Run after buildLambda, which empties dist/.
 */
export function buildAuthorizer(
  outfile: string = path.join(OUT_DIR, 'authorizer.js'),
): Promise<BuildResult> {
  return bundleEntry(path.join(ROOT, 'authorizer.ts'), outfile);
}

if (require.main === module) {
  const docsUi = process.env.DOCS_UI === 'true' || process.argv.includes('--docs-ui');
  const tracing = process.env.TRACING_BUILD === 'true';
  buildLambda({ docsUi, tracing })
    .then(({ file, bytes, gzipBytes }) => {
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      console.log(
        `built ${path.relative(ROOT, file)}: ${kb(bytes)} minified, ${kb(gzipBytes)} gzip`,
      );
      if (docsUi) console.log(`copied the docs UI assets to dist/${BUNDLED_DOCS_ASSETS_DIR}/`);
      if (tracing) console.log('with the X-Ray tracer (TRACING_BUILD=true)');
    })
    .then(() => buildAuthorizer())
    .then(({ file, bytes, gzipBytes }) => {
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      console.log(
        `built ${path.relative(ROOT, file)}: ${kb(bytes)} minified, ${kb(gzipBytes)} gzip`,
      );
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
