// Log redaction cost on the shipped bundle, in its own process: GET /<path> for two paths of
// the same length, one of repeated `eyJ` (the start of every JWT, which the redaction pattern
// once restarted at, quadratically), one of plain letters. Interleaved, one at a time, after a
// warm-up; prints the timings (µs) of each as JSON. Both paths answer 404, and both access
// lines are written (to the parent's pipe, as on Lambda).
'use strict';

const [, , bundle, eventsFile, warmupArg, countArg] = process.argv;
const { handler } = require(bundle);
const { jwtLike, plain } = JSON.parse(require('node:fs').readFileSync(eventsFile, 'utf8'));
const warmup = Number(warmupArg);
const count = Number(countArg);
const context = {
  awsRequestId: 'redaction',
  functionName: 'bench',
  getRemainingTimeInMillis: () => 10000,
};

async function timed(event) {
  const start = process.hrtime.bigint();
  const res = await handler(event, context);
  const us = Number(process.hrtime.bigint() - start) / 1000;
  return { us, ok: res && res.statusCode === 404 };
}

(async () => {
  for (let i = 0; i < warmup; i++) {
    await handler(jwtLike, context);
    await handler(plain, context);
  }
  const out = { jwtLike: [], plain: [], failures: 0 };
  for (let i = 0; i < count; i++) {
    for (const name of i % 2 ? ['jwtLike', 'plain'] : ['plain', 'jwtLike']) {
      const r = await timed(name === 'jwtLike' ? jwtLike : plain);
      out[name].push(Math.round(r.us * 10) / 10);
      if (!r.ok) out.failures++;
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n', () => process.exit(0));
})().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String((err && err.stack) || err) }) + '\n', () =>
    process.exit(1),
  );
});
