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
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'dist');
const OUT_FILE = path.join(OUT_DIR, 'lambda.js');

/**
 * app/openapi/spec.ts reads openapi.yaml from disk, which a bundle cannot; this replaces the
 * module with one holding the contract already parsed (and drops the YAML parser).
 */
function inlineOpenApiSpec(): Plugin {
  const specPath = path.join(ROOT, 'app', 'openapi', 'spec.ts');
  return {
    name: 'inline-openapi-spec',
    setup(b) {
      b.onLoad({ filter: /[\\/]app[\\/]openapi[\\/]spec\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== specPath) return undefined;
        const spec = parse(readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8')) as unknown;
        return {
          loader: 'ts',
          contents: [
            `const SPEC = ${JSON.stringify(spec)};`,
            `export const SPEC_PATH = 'openapi.yaml (inlined at build time)';`,
            `export function loadSpec() { return structuredClone(SPEC); }`,
          ].join('\n'),
        };
      });
    },
  };
}

export interface BuildResult {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildLambda(): Promise<BuildResult> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    entryPoints: [path.join(ROOT, 'lambda.ts')],
    outfile: OUT_FILE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    plugins: [inlineOpenApiSpec()],
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(path.join(OUT_DIR, 'meta.json'), JSON.stringify(result.metafile));
  const code = readFileSync(OUT_FILE);
  return { file: OUT_FILE, bytes: code.length, gzipBytes: gzipSync(code).length };
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
