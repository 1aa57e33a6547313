// Warm path of one target in its own process: W warm-up invocations, then N timed ones, per
// route, sequentially (one at a time, as Lambda runs them). Prints the timings (µs) as JSON;
// the parent pools several such rounds, interleaved across targets, before taking percentiles.
// Every child exits only once its result line is written: stdout is a pipe, where a long line
// (or one queued behind the target's own lines) may still be pending when process.exit runs.
'use strict';

const [, , bundle, eventsFile, warmupArg, countArg] = process.argv;
const { handler } = require(bundle);
const { get, post } = JSON.parse(require('node:fs').readFileSync(eventsFile, 'utf8'));
const warmup = Number(warmupArg);
const count = Number(countArg);
const context = {
  awsRequestId: 'warm',
  functionName: 'bench',
  getRemainingTimeInMillis: () => 10000,
};

async function route(event, expected) {
  for (let i = 0; i < warmup; i++) await handler(event, context);
  const us = new Float64Array(count);
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const res = await handler(event, context);
    us[i] = Number(process.hrtime.bigint() - start) / 1000;
    if (!res || res.statusCode !== expected) failures++;
  }
  return { samples: Array.from(us, (v) => Math.round(v * 10) / 10), failures };
}

(async () => {
  const getStats = await route(get, 200);
  const postStats = await route(post, 201);
  process.stdout.write(JSON.stringify({ get: getStats, post: postStats }) + '\n', () =>
    process.exit(0),
  );
})().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String((err && err.stack) || err) }) + '\n', () =>
    process.exit(1),
  );
});
