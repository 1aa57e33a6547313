/**
 * `npm run new:resource -- <name> [--field name:type[?] ...]`: adds a complete resource at
 * /v1/<name>, built the way items is (contract, router, service, repository port, DynamoDB
 * adapter, table and its infra grants, contract tests on every transport), all or nothing.
 * Types: string, integer, number, boolean, string[]; `name:type?` for an optional field.
 * Without --field: one required `text` (1 to 2000 characters). docs/adding-a-resource.md says
 * what it writes and why.
 */
import path from 'node:path';
import { generateResource } from './new-resource/generate';
import { FIELD_TYPES, namesOf, parseRequest, UsageError } from './new-resource/names';
import { writeScope } from '../app/resources/resource-definition';

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(
      `usage: npm run new:resource -- <name> [--field name:type[?] ...]\n` +
        `  name: plural, camelCase (notes, auditEvents); types: ${FIELD_TYPES.join(', ')}`,
    );
    return;
  }
  const request = parseRequest(argv);
  const names = namesOf(request.name);
  const written = generateResource(request, {
    root: path.resolve(__dirname, '..'),
    log: (line) => console.log(line),
  });
  console.log(
    `\nAdded /v1/${names.name} (${written.length} files):\n${written.map((f) => `  ${f}`).join('\n')}\n\n` +
      `Next: npm run dev, then (writes need the scope ${writeScope(names)}, which the dev token carries):\n` +
      `  export TOKEN=$(npm run -s token)\n` +
      `  curl -i -X POST localhost:3000/v1/${names.name} -H "Authorization: Bearer $TOKEN" \\\n` +
      `    -H 'Content-Type: application/json' -d '{...}'\n` +
      `Check it all: npm run lint && npm run typecheck && npm test && npm run synth`,
  );
}

try {
  main();
} catch (err) {
  console.error(
    err instanceof UsageError
      ? `new:resource: ${err.message}`
      : String(err instanceof Error ? err.message : err),
  );
  process.exit(err instanceof UsageError ? 2 : 1);
}
