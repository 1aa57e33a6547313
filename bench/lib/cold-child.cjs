// One cold start, in a fresh `node` process: require the bundle, then serve a first GET and a
// first POST (REST v1 events read from a JSON file). Prints one line of JSON and exits.
// Plain JavaScript on purpose: nothing but the target is loaded or compiled.
'use strict';

const t0 = performance.now();
const { handler } = require(process.argv[2]);
const t1 = performance.now();
const { get, post } = JSON.parse(require('node:fs').readFileSync(process.argv[3], 'utf8'));
const context = (id) => ({
  awsRequestId: id,
  functionName: 'bench',
  getRemainingTimeInMillis: () => 10000,
});

(async () => {
  const t2 = performance.now();
  const first = await handler(get, context('cold-get'));
  const t3 = performance.now();
  const second = await handler(post, context('cold-post'));
  const t4 = performance.now();
  process.stdout.write(
    JSON.stringify({
      requireMs: t1 - t0,
      firstGetMs: t3 - t2,
      firstPostMs: t4 - t3,
      statuses: [first && first.statusCode, second && second.statusCode],
    }) + '\n',
    () => process.exit(0),
  );
})().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String((err && err.stack) || err) }) + '\n', () =>
    process.exit(1),
  );
});
