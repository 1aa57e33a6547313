// Loads a BUILT Lambda bundle under a require hook (Module._load) and reports which AWS SDK
// clients it required: while loading, and by the end of one first invocation. Secrets Manager
// and SSM are answered by a fake endpoint on loopback (AWS_ENDPOINT_URL_SECRETS_MANAGER,
// AWS_ENDPOINT_URL_SSM), so a configured *_SECRET_ID / JWKS_URL_PARAM is really read through
// whatever client the bundle requires. Usage: node require-probe.cjs <bundle> <event JSON>.
// Prints one line of JSON: {atLoad, afterFirstInvocation, status, served}.
'use strict';

const Module = require('node:module');
const http = require('node:http');

const required = [];
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^@aws-sdk\/client-/.test(request) && !required.includes(request)) required.push(request);
  return load.call(this, request, ...rest);
};

const served = [];
const fakeAws = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const target = String(req.headers['x-amz-target']);
    const input = JSON.parse(body || '{}');
    served.push(target);
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    if (target === 'secretsmanager.GetSecretValue') {
      res.end(JSON.stringify({ Name: input.SecretId, SecretString: 'k'.repeat(40) }));
    } else if (target === 'AmazonSSM.GetParameter') {
      const value = 'https://issuer.example/.well-known/jwks.json';
      res.end(JSON.stringify({ Parameter: { Name: input.Name, Type: 'String', Value: value } }));
    } else {
      res.statusCode = 400;
      res.end(JSON.stringify({ __type: 'UnknownOperationException' }));
    }
  });
});

fakeAws.listen(0, '127.0.0.1', async () => {
  const endpoint = `http://127.0.0.1:${fakeAws.address().port}`;
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = endpoint;
  process.env.AWS_ENDPOINT_URL_SSM = endpoint;
  try {
    const { handler } = require(process.argv[2]);
    const atLoad = [...required];
    const context = { awsRequestId: 'probe', functionName: 'probe' };
    const result = await handler(JSON.parse(process.argv[3]), {
      ...context,
      getRemainingTimeInMillis: () => 10000,
    });
    const status = result && result.statusCode;
    process.stdout.write(
      JSON.stringify({ atLoad, afterFirstInvocation: [...required], status, served }) + '\n',
    );
  } catch (err) {
    process.stdout.write(JSON.stringify({ error: String((err && err.stack) || err) }) + '\n');
  }
  process.exit(0);
});
