import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildLambda, RUNTIME_PROVIDED_CLIENTS, type BuildResult } from '../../scripts/build';
import type { EventInput } from '../support/lambda-events';
import { startBundleProcess, type BundleProcess } from '../support/bundle-process';
import { loadOrCreateLocalSecret } from '../../app/config/local-secret';
import { mintToken } from '../../app/auth/mint-token';
import { LOCAL_ISSUER } from '../../app/config';
import { idempotencyTableDefinition } from '../../app/idempotency/idempotency-table';
import { rateLimitTableDefinition } from '../../app/rate-limit/rate-limit-table';
import { ensureTable } from '../../app/storage/ensure-table';
import { startLocalJwks, type LocalJwks } from '../support/local-jwks';
import { startTestStore, type TestStore } from '../support/store';
import { fromLambdaResult, toEvent, type TransportKind } from '../support/transport';

/**
 * The artifact that ships: `npm run build` output, loaded by plain Node in a child process,
 * pointed at a real dynalite, serving requests through the full middleware stack.
 */
let built: BuildResult;
let store: TestStore;
let bundle: BundleProcess;
/** The production key source: an issuer's JWKS (RS256), here on loopback. */
let jwks: LocalJwks;
let token: string;

beforeAll(async () => {
  built = await buildLambda();
  store = await startTestStore();
  jwks = await startLocalJwks();
  token = await jwks.sign({ sub: 'bundle-user' });
  // On AWS the stack creates these tables.
  await ensureTable(store.client, rateLimitTableDefinition('bundle-rate-limits'));
  await ensureTable(store.client, idempotencyTableDefinition('bundle-idempotency'));
  bundle = startBundleProcess(built.file, {
    NODE_ENV: 'production',
    CURSOR_SECRET: 'bundle-test-cursor-secret-0123456789abcdef',
    DYNAMODB_ENDPOINT: store.endpoint,
    TABLE_NAME: store.tableName,
    RATE_LIMIT_TABLE_NAME: 'bundle-rate-limits',
    IDEMPOTENCY_TABLE_NAME: 'bundle-idempotency',
    JWKS_URL: jwks.url,
    JWT_ISSUER: jwks.issuer,
    JWT_SKIP_AUDIENCE: 'true',
    AWS_REGION: 'eu-west-1',
    LOG_LEVEL: 'silent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
}, 60_000);

afterAll(async () => {
  await bundle.close();
  await store.close();
  await jwks.close();
});

/** Invokes the bundle; requests carry the JWKS-signed token unless they set Authorization. */
async function invoke(shape: Exclude<TransportKind, 'express'>, input: EventInput) {
  const withToken = { ...input, headers: { Authorization: [`Bearer ${token}`], ...input.headers } };
  const answer = await bundle.invoke(toEvent(shape, withToken));
  if (answer.error) throw new Error(answer.error);
  return fromLambdaResult(answer.result);
}

const jsonHeaders = { 'Content-Type': ['application/json'] };

describe('dist/lambda.js (the built bundle)', () => {
  it('is one minified file with the AWS SDK inside and a source map beside it', () => {
    const code = readFileSync(built.file, 'utf8');
    // Bundled, not left to the runtime, except the Secrets Manager and SSM clients, taken from
    // the nodejs24.x runtime's AWS SDK (scripts/build.ts, RUNTIME_PROVIDED_CLIENTS; loaded
    // lazily, see the next test).
    const external = [...code.matchAll(/require\("(@aws-sdk\/[^"]+|@smithy\/[^"]+)"\)/g)].map(
      (m) => m[1],
    );
    expect([...new Set(external)].sort()).toEqual([
      '@aws-sdk/client-secrets-manager',
      '@aws-sdk/client-ssm',
    ]);
    expect([...RUNTIME_PROVIDED_CLIENTS].sort()).toEqual([
      '@aws-sdk/client-secrets-manager',
      '@aws-sdk/client-ssm',
    ]);
    expect(code).toContain('DynamoDB');
    expect(code.split('\n').length).toBeLessThan(500); // minified
    expect(existsSync(`${built.file}.map`)).toBe(true);
  });

  it('stays within 1,300,000 bytes, with only the credential providers that can answer on Lambda', () => {
    expect(built.bytes).toBeLessThanOrEqual(1_300_000);
    const meta = JSON.parse(readFileSync(built.file.replace(/\.js$/, '.meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    const packages = new Set(
      inputs
        .map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1])
        .filter((name): name is string => name !== undefined),
    );
    // The SDK's default chain is the stand-in (scripts/build-shims/credential-provider-lambda.js):
    // environment, then container or instance metadata. Not the profile, SSO, process and
    // web-identity links, nor the STS/SSO clients and token providers they bring.
    expect(inputs.some((f) => f.endsWith('build-shims/credential-provider-lambda.js'))).toBe(true);
    expect(
      [...packages].filter((p) => /credential-provider|token-provider/.test(p)).sort(),
    ).toEqual([
      '@aws-sdk/credential-provider-env',
      '@aws-sdk/credential-provider-http',
      '@smithy/credential-provider-imds',
    ]);
    expect(packages).not.toContain('@aws-sdk/nested-clients');
    expect(packages).not.toContain('@aws-sdk/signature-v4-multi-region');
  });

  it('requires the runtime-provided Secrets Manager and SSM clients only when a secret is read, never at load', async () => {
    const probe = async (env: Record<string, string>) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          path.join(__dirname, 'require-probe.cjs'),
          built.file,
          JSON.stringify(toEvent('rest-v1', { method: 'GET', path: '/health' })),
        ],
        {
          env: {
            PATH: process.env.PATH,
            NODE_ENV: 'production',
            DYNAMODB_ENDPOINT: store.endpoint,
            TABLE_NAME: store.tableName,
            JWT_ISSUER: 'https://issuer.example',
            JWT_SKIP_AUDIENCE: 'true',
            AWS_REGION: 'eu-west-1',
            AWS_ACCESS_KEY_ID: 'probe',
            AWS_SECRET_ACCESS_KEY: 'probe',
            LOG_LEVEL: 'silent',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            ...env,
          },
        },
      );
      return JSON.parse(stdout.trim().split('\n').pop() as string) as {
        atLoad: string[];
        afterFirstInvocation: string[];
        status: number;
        served: string[];
        error?: string;
      };
    };
    // The common case: no value to read, so neither client is ever loaded.
    const plain = await probe({ JWKS_URL: jwks.url, CURSOR_SECRET: 'c'.repeat(40) });
    expect(plain).toEqual({ atLoad: [], afterFirstInvocation: [], status: 200, served: [] });
    // Values in Secrets Manager and SSM: nothing at load; each client on the first invocation,
    // which reads through it (from node_modules here, from the runtime on Lambda).
    const secrets = await probe({
      JWKS_URL_PARAM: '/api/jwks-url',
      CURSOR_SECRET_ID: 'api/cursor',
    });
    expect(secrets.error).toBeUndefined();
    expect(secrets.atLoad).toEqual([]);
    expect([...secrets.afterFirstInvocation].sort()).toEqual([
      '@aws-sdk/client-secrets-manager',
      '@aws-sdk/client-ssm',
    ]);
    expect(secrets.status).toBe(200);
    expect([...secrets.served].sort()).toEqual([
      'AmazonSSM.GetParameter',
      'secretsmanager.GetSecretValue',
    ]);
    const jwtSecret = await probe({ JWT_SECRET_ID: 'api/jwt', CURSOR_SECRET: 'c'.repeat(40) });
    expect(jwtSecret).toMatchObject({
      atLoad: [],
      afterFirstInvocation: ['@aws-sdk/client-secrets-manager'],
      status: 200,
    });
  }, 30_000);

  it('serves a JSON POST through the full stack, then reads it back (REST v1)', async () => {
    const created = await invoke('rest-v1', {
      method: 'POST',
      path: '/v1/items',
      headers: jsonHeaders,
      body: Buffer.from(JSON.stringify({ name: 'from the bundle', tags: ['shipped'] })),
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(created.headers.location).toBe(`/v1/items/${id}`);
    const read = await invoke('rest-v1', { method: 'GET', path: `/v1/items/${id}` });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'from the bundle', tags: ['shipped'], version: 1 });
  });

  it('serves HTTP API v2 events, validation errors as problems, and lists with cursors', async () => {
    const bad = await invoke('http-v2', {
      method: 'POST',
      path: '/v1/items',
      headers: jsonHeaders,
      body: Buffer.from(JSON.stringify({ name: '' })),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.text).not.toMatch(/\bat .+:\d+:\d+/);
    for (const name of ['a', 'b', 'c']) {
      await invoke('http-v2', {
        method: 'POST',
        path: '/v1/items',
        headers: jsonHeaders,
        body: Buffer.from(JSON.stringify({ name })),
      });
    }
    const page = await invoke('http-v2', { method: 'GET', path: '/v1/items', rawQuery: 'limit=2' });
    expect(page.status).toBe(200);
    const { nextCursor } = page.body as { nextCursor: string };
    const next = await invoke('http-v2', {
      method: 'GET',
      path: '/v1/items',
      rawQuery: `limit=2&cursor=${nextCursor}`,
    });
    expect(next.status).toBe(200);
  });

  it('keeps the behaviour the build-time stand-ins promise: 415 for other charsets and multipart', async () => {
    for (const type of [
      'application/json; charset=utf-16',
      'application/json; charset=ebcdic',
      'multipart/form-data; boundary=x',
      'text/plain',
    ]) {
      const res = await invoke('rest-v1', {
        method: 'POST',
        path: '/v1/items',
        headers: { 'Content-Type': [type] },
        body: Buffer.from('--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--'),
      });
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const utf8 = await invoke('rest-v1', {
      method: 'POST',
      path: '/v1/items',
      headers: { 'Content-Type': ['application/json; charset=UTF-8'] },
      body: Buffer.from(JSON.stringify({ name: 'ünïcode ✓' })),
    });
    expect(utf8.status).toBe(201);
  });

  it('verifies tokens against the issuer JWKS: forged 401, no scope 403, no token 401', async () => {
    const post = (authorization: string[]) =>
      invoke('rest-v1', {
        method: 'POST',
        path: '/v1/items',
        headers: { ...jsonHeaders, Authorization: authorization },
        body: Buffer.from(JSON.stringify({ name: 'guarded' })),
      });
    const forged = await mintToken({
      secret: 'f'.repeat(40),
      issuer: jwks.issuer,
      subject: 'mallory',
      scopes: ['items:write'],
      expiresIn: '1h',
    });
    const forgedRes = await post([`Bearer ${forged}`]);
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    const readOnly = await jwks.sign({ sub: 'reader', scope: '' });
    const scopeRes = await post([`Bearer ${readOnly}`]);
    expect(scopeRes.status).toBe(403);
    expect(scopeRes.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
    expect((await post([])).status).toBe(401);
  });

  it('replays an Idempotency-Key create (Powertools inside the bundle)', async () => {
    const create = () =>
      invoke('http-v2', {
        method: 'POST',
        path: '/v1/items',
        headers: { ...jsonHeaders, 'Idempotency-Key': ['bundle-key-1'] },
        body: Buffer.from(JSON.stringify({ name: 'once' })),
      });
    const first = await create();
    const again = await create();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('answers warm-up pings and readiness', async () => {
    expect(await bundle.invoke({ warmer: true })).toEqual({
      result: { warmed: true },
    });
    const ready = await invoke('function-url', { method: 'GET', path: '/health/ready' });
    expect(ready.status).toBe(200);
  });
});

describe('npm run dev:lambda (scripts/dev-lambda.ts)', () => {
  it('serves HTTP through the built handler on the embedded store, as REST and as HTTP API events', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'elapi-dev-lambda-'));
    // dev:lambda verifies with the same local key as npm run dev and npm run token.
    const devToken = await mintToken({
      secret: loadOrCreateLocalSecret(dataDir, 'jwt-secret'),
      issuer: LOCAL_ISSUER,
      subject: 'dev',
      scopes: ['items:write'],
      expiresIn: '5m',
    });
    try {
      for (const args of [[], ['--v2']]) {
        const dev = spawn(
          path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
          ['scripts/dev-lambda.ts', ...args],
          {
            cwd: path.join(__dirname, '..', '..'),
            env: { ...process.env, LAMBDA_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
          },
        );
        try {
          const url = await new Promise<string>((resolve, reject) => {
            let out = '';
            dev.stdout.on('data', (c: Buffer) => {
              out += c.toString();
              const m = /on (http:\/\/\S+)/.exec(out);
              if (m?.[1]) resolve(m[1]);
            });
            dev.once('exit', (code) => reject(new Error(`dev:lambda exited with ${code}`)));
          });
          const created = await fetch(`${url}/v1/items`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-request-id': 'dev-lambda-1',
              authorization: `Bearer ${devToken}`,
            },
            body: JSON.stringify({ name: `dev:lambda ${args.join('') || 'v1'}` }),
          });
          expect(created.status).toBe(201);
          expect(created.headers.get('x-request-id')).toBe('dev-lambda-1');
          const { id } = (await created.json()) as { id: string };
          const read = await fetch(`${url}/v1/items/${id}`);
          expect(read.status).toBe(200);
          expect(read.headers.get('etag')).toBe('"v1"');
        } finally {
          dev.kill('SIGTERM');
          await new Promise((resolve) => dev.once('exit', resolve));
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
