/**
 * The architecture's dependency rules, checked by `npm run lint` (dependency-cruiser): they
 * are what docs/architecture.md describes, enforced rather than hoped for.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const CROSS_CUTTING = '^app/(core|config|http|auth|storage|observability|openapi|resources)/';
// Every other folder of app/ is a feature: items, rate-limit, idempotency, health, docs, and
// each resource `npm run new:resource` generates (app/resources/ is the kit they share).
const FEATURES = '^app/(?!(core|config|http|auth|storage|observability|openapi|resources)/)[^/]+/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Dependencies flow one way; a cycle means two modules are one concern or misplaced.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'adapter-knows-no-app',
      severity: 'error',
      comment:
        'lambda-adapter/ serves any Node request listener: it could be lifted out as a package.',
      from: { path: '^lambda-adapter/' },
      to: { path: '^(app|entry|infra|scripts|bench|test)/' },
    },
    {
      name: 'app-knows-no-edge',
      severity: 'error',
      comment: 'app/ never sees a Lambda event and is wired by entry/, never the other way.',
      from: { path: '^app/' },
      to: { path: '^(entry|lambda-adapter|infra|scripts|bench|test)/' },
    },
    {
      name: 'entry-only-from-entries',
      severity: 'error',
      comment:
        'entry/ is the composition root: only the top-level entries (and tests, tools) use it.',
      from: { path: '^(app|lambda-adapter|infra)/' },
      to: { path: '^entry/' },
    },
    {
      name: 'core-is-a-leaf',
      severity: 'error',
      comment: 'app/core/ (errors, clock, time budget) is what everything may depend on.',
      from: { path: '^app/core/' },
      to: { path: '^app/', pathNot: '^app/core/' },
    },
    {
      name: 'cross-cutting-knows-no-feature',
      severity: 'error',
      comment: 'HTTP, auth, storage and config plumbing serve every feature and know none of them.',
      from: { path: CROSS_CUTTING },
      to: { path: FEATURES },
    },
    {
      name: 'tests-use-neutral-fixtures',
      severity: 'error',
      comment:
        'Shared fixtures live in test/support/; scripts and the bench import them, not the reverse.',
      from: { path: '^test/' },
      to: { path: '^(scripts/lib|bench/targets)/' },
    },
    {
      name: 'production-code-never-imports-tests',
      severity: 'error',
      from: { path: '^(app|entry|lambda-adapter|infra)/|^[^/]+\\.ts$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|cdk\\.out|\\.data|bench/\\.build)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
