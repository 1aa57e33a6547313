// Loads a BUILT Lambda bundle in a plain Node process (no Jest, no TypeScript) and invokes
// its handler once per line of JSON read from stdin ({event, context}), answering each with
// one line of JSON ({result} or {error}). Invocations run one at a time, as in Lambda.
const readline = require('node:readline');

const bundle = process.argv[2];
const { handler } = require(bundle);

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const { event, context } = JSON.parse(line);
    const deadline = Date.now() + 15000;
    const ctx = { ...context, getRemainingTimeInMillis: () => deadline - Date.now() };
    try {
      const result = await handler(event, ctx);
      process.stdout.write(JSON.stringify({ result }) + '\n');
    } catch (err) {
      process.stdout.write(JSON.stringify({ error: String(err && err.message) }) + '\n');
    }
  });
});
lines.on('close', () => void queue.then(() => process.exit(0)));
