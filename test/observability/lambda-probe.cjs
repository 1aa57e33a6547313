// Loads a BUILT Lambda bundle in a plain Node process and invokes it once per event given
// (a JSON array in argv[3]), each invocation with its own X-Ray trace header, as Lambda sets
// `_X_AMZN_TRACE_ID`. Prints one line of JSON: {statuses, xray} where `xray` tells whether the
// X-Ray SDK was ever loaded (it registers the `AWSXRay` namespace on process.namespaces), or
// {error} if loading or invoking failed.
'use strict';

(async () => {
  const { handler } = require(process.argv[2]);
  const statuses = [];
  let n = 0;
  for (const event of JSON.parse(process.argv[3])) {
    n++;
    const root = `1-5f84c7a1-${String(n).padStart(24, '0')}`;
    process.env._X_AMZN_TRACE_ID = `Root=${root};Parent=${'a'.repeat(15)}${n};Sampled=1`;
    const result = await handler(event, {
      awsRequestId: `probe-${n}`,
      functionName: 'probe',
      getRemainingTimeInMillis: () => 10000,
    });
    statuses.push(result.statusCode);
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // let UDP sends (X-Ray) leave
  const xray = Object.keys(process.namespaces || {}).includes('AWSXRay');
  process.stdout.write(JSON.stringify({ statuses, xray }) + '\n');
  process.exit(0);
})().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String((err && err.message) || err) }) + '\n');
  process.exit(0);
});
