import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleEntry, type BuildResult } from '../../scripts/build';
import { idempotencyTableDefinition } from '../../app/idempotency/idempotency-table';
import { rateLimitTableDefinition } from '../../app/rate-limit/rate-limit-table';
import { ensureTable } from '../../app/storage/ensure-table';
import { lambdaContext, restV1Event, type EventInput } from '../support/lambda-events';
import { startLocalJwks, type LocalJwks } from '../support/local-jwks';
import { startTestStore, type TestStore } from '../support/store';
import { fromLambdaResult } from '../support/transport';

/**
 * The bundle's DynamoDB credentials (scripts/build-shims/credential-provider-lambda.js stands
 * in for the SDK's default chain): with STORAGE=aws the bundled client signs with what that
 * chain resolves, here against dynalite behind a loopback proxy that records each request's
 * access key and session token. Then the stand-in is held to the real module it replaces.
 */
const ROOT = path.join(__dirname, '..', '..');
const SHIM = path.join(ROOT, 'scripts', 'build-shims', 'credential-provider-lambda.js');

let outDir: string;
let built: BuildResult;
let store: TestStore;
let jwks: LocalJwks;
let token: string;
/** In front of dynalite: every DynamoDB request the bundle signs, as (access key, token). */
let dynamo: { url: string; server: Server; signed: { accessKeyId?: string; token?: string }[] };

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'elapi-credentials-'));
  built = await bundleEntry(path.join(ROOT, 'lambda.ts'), path.join(outDir, 'lambda.js'));
  store = await startTestStore();
  jwks = await startLocalJwks();
  token = await jwks.sign({ sub: 'credentials-user' });
  await ensureTable(store.client, rateLimitTableDefinition('credentials-rate-limits'));
  await ensureTable(store.client, idempotencyTableDefinition('credentials-idempotency'));
  const signed: { accessKeyId?: string; token?: string }[] = [];
  const target = new URL(store.endpoint);
  const server = createServer((req, res) => {
    signed.push({
      accessKeyId: /Credential=([^/]+)\//.exec(String(req.headers.authorization))?.[1],
      token: req.headers['x-amz-security-token'] as string | undefined,
    });
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) upstream.setHeader(name, value);
    }
    req.pipe(upstream);
  });
  dynamo = { url: await listen(server), server, signed };
}, 60_000);

afterAll(async () => {
  await close(dynamo.server);
  await store.close();
  await jwks.close();
  rmSync(outDir, { recursive: true, force: true });
});

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A fresh container (a plain Node process loading the bundle) with `env` on top of a Lambda-like
 * environment with no credentials at all; each input is one invocation. Returns the answers and
 * the log lines (LOG_LEVEL=error), which share stdout.
 */
async function runContainer(env: Record<string, string>, inputs: EventInput[]) {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, '..', 'support', 'bundle-runner.cjs'), built.file],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        STORAGE: 'aws',
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
        AWS_REGION: 'eu-west-1',
        // No IMDS here: were the chain to fall through to it, fail now rather than time out.
        AWS_EC2_METADATA_DISABLED: 'true',
        TABLE_NAME: store.tableName,
        RATE_LIMIT_TABLE_NAME: 'credentials-rate-limits',
        IDEMPOTENCY_TABLE_NAME: 'credentials-idempotency',
        CURSOR_SECRET: 'c'.repeat(40),
        JWKS_URL: jwks.url,
        JWT_ISSUER: jwks.issuer,
        JWT_SKIP_AUDIENCE: 'true',
        LOG_LEVEL: 'error',
        METRICS: 'false',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  for (const input of inputs) {
    const event = restV1Event({
      ...input,
      headers: { Authorization: [`Bearer ${token}`], ...input.headers },
    });
    child.stdin.write(JSON.stringify({ event, context: lambdaContext() }) + '\n');
  }
  child.stdin.end();
  await new Promise((resolve) => child.once('exit', resolve));
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const answers = lines.filter((l) => 'result' in l || 'error' in l);
  expect(answers.map((a) => a.error)).toEqual(inputs.map(() => undefined));
  return {
    responses: answers.map((a) => fromLambdaResult(a.result)),
    logs: lines.filter((l) => !('result' in l || 'error' in l)),
  };
}

const createItem = (name: string): EventInput => ({
  method: 'POST',
  path: '/v1/items',
  headers: { 'Content-Type': ['application/json'] },
  body: Buffer.from(JSON.stringify({ name })),
});

/** Signed requests seen since `from`, distinct. */
const signedSince = (from: number) =>
  [...new Set(dynamo.signed.slice(from).map((s) => JSON.stringify(s)))].map(
    (s) => JSON.parse(s) as { accessKeyId?: string; token?: string },
  );

describe('the Lambda bundle signs DynamoDB calls (STORAGE=aws)', () => {
  it("signs with the execution role's credentials from the environment, as Lambda provides them", async () => {
    const from = dynamo.signed.length;
    const { responses } = await runContainer(
      {
        AWS_ACCESS_KEY_ID: 'AKIDFROMENVIRONMENT',
        AWS_SECRET_ACCESS_KEY: 'env-secret',
        AWS_SESSION_TOKEN: 'env-session-token',
      },
      [createItem('signed from the environment')],
    );
    expect(responses.map((r) => r.status)).toEqual([201]);
    expect(signedSince(from)).toEqual([
      { accessKeyId: 'AKIDFROMENVIRONMENT', token: 'env-session-token' },
    ]);
  });

  it("recognises DynamoDB's refusals of conditional writes through the bundled client (ES module build)", async () => {
    // The SDK's error classes must be the very ones app code and Powertools test against:
    // a replayed Idempotency-Key (Powertools' conditional put) is the first answer again, and
    // a PUT of a missing item (our conditional update, refused, then told apart from a stale
    // version by a read) is a 404; an unrecognised refusal would be a 500.
    const key = { 'Idempotency-Key': [`bundle-${Date.now()}`] };
    const replayed = { ...createItem('replayed'), headers: { ...createItem('x').headers, ...key } };
    const { responses } = await runContainer(
      { AWS_ACCESS_KEY_ID: 'AKIDCONDITIONS', AWS_SECRET_ACCESS_KEY: 'secret' },
      [
        replayed,
        replayed,
        {
          method: 'PUT',
          path: '/v1/items/00000000-0000-4000-8000-000000000000',
          headers: { 'Content-Type': ['application/json'], 'If-Match': ['"7"'] },
          body: Buffer.from(JSON.stringify({ name: 'nobody' })),
        },
      ],
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 404]);
    const [first, second] = responses.map((r) => (r.body as { id: string }).id);
    expect(second).toBe(first);
  });

  it('otherwise fetches them from the container credentials endpoint, once per container', async () => {
    const requests: { url?: string; authorization?: string }[] = [];
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    const endpoint = createServer((req: IncomingMessage, res) => {
      requests.push({ url: req.url, authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          AccessKeyId: 'AKIDFROMCONTAINER',
          SecretAccessKey: 'container-secret',
          Token: 'container-session-token',
          Expiration: expiration,
        }),
      );
    });
    const base = await listen(endpoint);
    try {
      const from = dynamo.signed.length;
      const { responses } = await runContainer(
        {
          AWS_CONTAINER_CREDENTIALS_FULL_URI: `${base}/creds`,
          AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-authorization',
        },
        [createItem('signed from the container endpoint'), createItem('and again')],
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201]);
      expect(signedSince(from)).toEqual([
        { accessKeyId: 'AKIDFROMCONTAINER', token: 'container-session-token' },
      ]);
      // Memoised: fetched once for both invocations (valid for an hour).
      expect(requests).toEqual([{ url: '/creds', authorization: 'container-authorization' }]);
    } finally {
      await close(endpoint);
    }
  });

  it('refuses AWS_PROFILE (profiles are not in the bundle) with an error naming it, without signing', async () => {
    const from = dynamo.signed.length;
    const { responses, logs } = await runContainer({ AWS_PROFILE: 'someone' }, [
      createItem('never written'),
    ]);
    expect(responses[0]?.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(logs)).toMatch(/AWS_PROFILE is set \(\\"someone\\"\)/);
    expect(dynamo.signed.length).toBe(from);
  });
});

type Credentials = { accessKeyId: string; sessionToken?: string; expiration?: Date };
interface CredentialModule {
  defaultProvider(init?: object): (options?: { forceRefresh?: boolean }) => Promise<Credentials>;
  credentialsTreatedAsExpired(credentials?: Credentials): boolean;
  credentialsWillNeedRefresh(credentials?: Credentials): boolean;
}

describe('scripts/build-shims/credential-provider-lambda.js against @aws-sdk/credential-provider-node', () => {
  // Everything either chain reads; the real one's profile links must find no files here.
  const CREDENTIAL_ENV =
    /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|CREDENTIAL_EXPIRATION|ACCOUNT_ID|PROFILE|CONTAINER_.+|EC2_METADATA_.+|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN|ROLE_SESSION_NAME)$/;
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = process.env;
    process.env = Object.fromEntries(
      Object.entries(saved).filter(([name]) => !CREDENTIAL_ENV.test(name)),
    );
    process.env.AWS_CONFIG_FILE = path.join(outDir, 'no-such-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(outDir, 'no-such-credentials');
  });
  afterEach(() => {
    process.env = saved;
  });

  const load = async () => {
    const real = '@aws-sdk/credential-provider-node'; // what the SDK clients require
    return [
      ['stand-in', (await import(SHIM)) as CredentialModule],
      ['real', (await import(real)) as CredentialModule],
    ] as const;
  };

  /** What a provider resolves or the error it throws, for comparing the two modules. */
  const outcome = (p: Promise<Credentials>) =>
    p.then(
      (c) => ({ accessKeyId: c.accessKeyId, sessionToken: c.sessionToken }),
      (e: Error) => ({ error: e.message, name: e.name }),
    );

  it('resolves the environment, and fails the same way when nothing is available', async () => {
    for (const [, mod] of await load()) {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.AWS_SESSION_TOKEN;
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      expect(await outcome(mod.defaultProvider()())).toEqual({
        error: 'Could not load credentials from any providers',
        name: 'CredentialsProviderError',
      });
      process.env.AWS_ACCESS_KEY_ID = 'AKIDENV';
      process.env.AWS_SECRET_ACCESS_KEY = 'secret';
      process.env.AWS_SESSION_TOKEN = 'session';
      expect(await outcome(mod.defaultProvider()())).toEqual({
        accessKeyId: 'AKIDENV',
        sessionToken: 'session',
      });
    }
  });

  it('memoises container credentials alike: refreshed when within five minutes of expiry', async () => {
    let served = 0;
    let expiresInMs = 3_600_000;
    const endpoint = createServer((_req, res) => {
      served += 1;
      res.end(
        JSON.stringify({
          AccessKeyId: `AKID${served}`,
          SecretAccessKey: 'secret',
          Token: 'token',
          Expiration: new Date(Date.now() + expiresInMs).toISOString(),
        }),
      );
    });
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${await listen(endpoint)}/creds`;
    try {
      const seen: Record<string, unknown[]> = {};
      for (const [name, mod] of await load()) {
        served = 0;
        expiresInMs = 3_600_000;
        const provider = mod.defaultProvider();
        const first = await provider();
        const again = await provider();
        expiresInMs = 60_000; // the next fetch is about to expire: served, then refreshed
        const forced = await provider({ forceRefresh: true });
        const stale = await provider(); // still served while a refresh runs in the background
        expiresInMs = 3_600_000;
        await new Promise((resolve) => setTimeout(resolve, 200));
        const refreshed = await provider();
        seen[name] = [
          [first, again, forced, stale, refreshed].map((c) => c.accessKeyId),
          served,
          mod.credentialsWillNeedRefresh(refreshed),
          mod.credentialsTreatedAsExpired(refreshed),
          mod.credentialsTreatedAsExpired({ accessKeyId: 'static' }),
        ];
      }
      expect(seen['stand-in']).toEqual(seen.real);
      expect(seen.real).toEqual([
        ['AKID1', 'AKID1', 'AKID2', 'AKID2', 'AKID3'],
        3,
        true,
        false,
        false,
      ]);
    } finally {
      await close(endpoint);
    }
  });

  it('never tries the profile links: AWS_PROFILE is refused, even with keys in the environment', async () => {
    const [[, shim]] = await load();
    process.env.AWS_PROFILE = 'dev';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    await expect(shim.defaultProvider()()).rejects.toMatchObject({
      name: 'CredentialsProviderError',
      tryNextLink: false,
      message: expect.stringMatching(/^AWS_PROFILE is set \("dev"\), but this bundle cannot read/),
    });
  });
});
