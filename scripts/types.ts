/**
 * `npm run types`: regenerates app/openapi/schema.d.ts (TypeScript types of every path,
 * parameter and schema) from openapi.yaml with openapi-typescript. The code imports its body
 * types from there, so a contract change that the code does not follow fails the type-check.
 *
 * `npm run types -- --check` (CI) fails, naming the fix, when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'app', 'openapi', 'schema.d.ts');
const HEADER =
  '/**\n * Generated from openapi.yaml by `npm run types` (openapi-typescript). Do not edit.\n */\n\n';

async function main(): Promise<void> {
  const ast = await openapiTS(new URL(`file://${path.join(ROOT, 'openapi.yaml')}`));
  const generated = HEADER + astToString(ast);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUT, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== generated) {
      console.error(
        'app/openapi/schema.d.ts is stale: openapi.yaml changed. Run `npm run types` and commit.',
      );
      process.exit(1);
    }
    console.log('app/openapi/schema.d.ts matches openapi.yaml');
    return;
  }
  writeFileSync(OUT, generated);
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
