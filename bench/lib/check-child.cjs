// Before anything is timed: does this bundle answer the two routes correctly? Serves
// GET /health, a valid POST (with a bearer token, answered 201), and two invalid POSTs (the
// body must reach validation: 400). With --auth (this project), also a POST without a token,
// which must be refused with 401: the figures are then known to include token verification.
'use strict';

const { handler } = require(process.argv[2]);
const { get, post, invalidPosts, unauthenticatedPost } = JSON.parse(
  require('node:fs').readFileSync(process.argv[3], 'utf8'),
);
const checkAuth = process.argv.includes('--auth');
const context = {
  awsRequestId: 'check',
  functionName: 'bench',
  getRemainingTimeInMillis: () => 10000,
};

function headersOf(res) {
  const out = {};
  for (const [k, v] of Object.entries(res.headers || {})) out[k.toLowerCase()] = String(v);
  for (const [k, v] of Object.entries(res.multiValueHeaders || {}))
    out[k.toLowerCase()] = v.join(', ');
  return out;
}

function json(res) {
  try {
    const text = Buffer.from(res.body || '', res.isBase64Encoded ? 'base64' : 'utf8').toString();
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

(async () => {
  const problems = [];
  const health = await handler(get, context);
  if (health.statusCode !== 200) problems.push(`GET /health answered ${health.statusCode}`);
  if (!/json/.test(headersOf(health)['content-type'] || ''))
    problems.push('GET /health is not JSON');
  if (json(health)?.status !== 'ok') problems.push('GET /health body is not {"status":"ok"}');
  const created = await handler(post, context);
  const item = json(created);
  if (created.statusCode !== 201)
    problems.push(
      `valid POST answered ${created.statusCode}, not 201: ${String(created.body).slice(0, 300)}`,
    );
  if (!item || typeof item.id !== 'string' || item.name !== 'bench')
    problems.push('valid POST body lacks id/name');
  for (const bad of invalidPosts) {
    const res = await handler(bad, context);
    if (res.statusCode !== 400)
      problems.push(`invalid POST ${bad.body} answered ${res.statusCode}, not 400`);
  }
  if (checkAuth) {
    const res = await handler(unauthenticatedPost, context);
    if (res.statusCode !== 401)
      problems.push(`POST without a token answered ${res.statusCode}, not 401`);
  }
  process.stdout.write(JSON.stringify({ problems }) + '\n', () => process.exit(0));
})().catch((err) => {
  process.stdout.write(
    JSON.stringify({ problems: [`crashed: ${String((err && err.message) || err)}`] }) + '\n',
    () => process.exit(0),
  );
});
