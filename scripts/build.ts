/**
 * `npm run build`: bundles lambda.ts into dist/lambda.js with esbuild — the artifact that
 * ships (infra deploys it) and that test/build loads. Target node20, so the same file runs on
 * the local Node 20 and on Lambda's nodejs22.x; minified, with an external source map; the
 * AWS SDK is bundled (the deployed code is exactly the tested code).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { OpenAPISchemaValidator } from 'express-openapi-validator/dist/framework/openapi.schema.validator';
import { parse } from 'yaml';
import { validatorSpec } from '../app/openapi/validator-spec';

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

/**
 * Swaps modules the bundle requires but never needs at run time for small stand-ins, each
 * explained in its file under scripts/build-shims/. The behaviour they back (415 for other
 * charsets and for multipart) is asserted by test/build against the built file.
 */
function leanModules(): Plugin {
  const shims: Record<string, string> = {
    'iconv-lite': 'iconv-lite.js',
    multer: 'multer.js',
    'js-yaml': 'js-yaml.js',
  };
  return {
    name: 'lean-modules',
    setup(b) {
      b.onResolve({ filter: /^(iconv-lite|multer|js-yaml)$/ }, (args) => ({
        path: path.join(ROOT, 'scripts', 'build-shims', shims[args.path] as string),
      }));
      b.onResolve({ filter: /^path-to-regexp$/ }, (args) =>
        args.importer.includes(`${path.sep}express-openapi-validator${path.sep}`)
          ? { path: path.join(ROOT, 'scripts', 'build-shims', 'path-to-regexp-memo.js') }
          : undefined,
      );
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
  } = {},
): Promise<BuildResult> {
  mkdirSync(path.dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Unminified only to read CPU profiles (bench/README.md, "Profiling").
    minify: options.minify ?? true,
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    plugins: options.projectPlugins === false ? [] : [inlineOpenApiSpec(), leanModules()],
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

export async function buildLambda(): Promise<BuildResult> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  return bundleEntry(path.join(ROOT, 'lambda.ts'), OUT_FILE);
}

if (require.main === module) {
  buildLambda()
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
