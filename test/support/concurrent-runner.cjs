// Loads a BUILT Lambda bundle in a plain Node process and invokes its handler for every
// {event, context} in the JSON file argv[3] at once, as Lambda Managed Instances do with one
// process (AWS_LAMBDA_MAX_CONCURRENCY). Writes [{result} | {error}] in the same order, and the
// most invocations that were in flight together, to the JSON file argv[4]; the bundle's own
// log and EMF lines go to stdout, as on Lambda.
//
// As the Node.js runtime does, each invocation runs inside the runtime's InvokeStore
// (@aws/lambda-invoke-store, published on globalThis.awslambda: multi-context when
// AWS_LAMBDA_MAX_CONCURRENCY is set), holding its request id: Powertools reads its
// per-invocation state from there under Lambda Managed Instances.
const { readFileSync, writeFileSync } = require('node:fs');
const { InvokeStore } = require('@aws/lambda-invoke-store');

const [, , bundle, invocationsFile, resultsFile] = process.argv;
const invocations = JSON.parse(readFileSync(invocationsFile, 'utf8'));

let inFlight = 0;
let maxInFlight = 0;

async function main() {
  // The store exists before the handler module loads, as in the runtime.
  const store = await InvokeStore.getInstanceAsync();
  const { REQUEST_ID } = store.constructor.PROTECTED_KEYS;
  const { handler } = require(bundle);
  const results = await Promise.all(
    invocations.map(async ({ event, context }) => {
      const deadline = Date.now() + 15000;
      const ctx = { ...context, getRemainingTimeInMillis: () => deadline - Date.now() };
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const result = await store.run({ [REQUEST_ID]: ctx.awsRequestId }, () =>
          handler(event, ctx),
        );
        return { result };
      } catch (err) {
        return { error: String(err && err.message) };
      } finally {
        inFlight--;
      }
    }),
  );
  writeFileSync(resultsFile, JSON.stringify({ results, maxInFlight }));
  process.exit(0);
}

main();
