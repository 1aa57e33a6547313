import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTokenVerifier, TokenKeysUnavailableError } from '../../app/auth/token-verifier';
import { ConfigError, loadConfig } from '../../app/config';
import { rateLimitTableDefinition } from '../../app/rate-limit/rate-limit-table';
import { ensureTable } from '../../app/storage/ensure-table';
import { bundleEntry } from '../../scripts/build';
import { startBundleProcess, type BundleProcess } from '../support/bundle-process';
import { startLocalJwks, type LocalJwks } from '../support/local-jwks';
import { startTestStore, type TestStore } from '../support/store';
import { fromLambdaResult, toEvent } from '../support/transport';

/**
 * The issuer's keys and jose are start-up costs only a request carrying a token needs: nothing
 * is fetched when the verifier is created (at init, on Lambda), the first token fetches the key
 * set once, and the tokens after it are verified from the cache.
 */

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('createTokenVerifier with a JWKS', () => {
  let jwks: LocalJwks;
  beforeEach(async () => {
    jwks = await startLocalJwks();
  });
  afterEach(() => jwks.close());

  it('fetches nothing at start-up; the first tokens share one fetch, the next use the cache', async () => {
    const verify = createTokenVerifier(
      loadConfig({ JWKS_URL: jwks.url, JWT_ISSUER: jwks.issuer }).auth,
    );
    await settle();
    expect(jwks.fetches()).toBe(0);
    const [alice, bob] = await Promise.all([
      verify(await jwks.sign({ sub: 'alice' })),
      verify(await jwks.sign({ sub: 'bob' })),
    ]);
    expect([alice.subject, bob.subject]).toEqual(['alice', 'bob']);
    expect((await verify(await jwks.sign({ sub: 'carol' }))).subject).toBe('carol');
    expect(jwks.fetches()).toBe(1);
  });

  it('reports an unreachable issuer on the first token, not at start-up, and again on the next', async () => {
    const url = jwks.url;
    const token = await jwks.sign({ sub: 'alice' });
    await jwks.close();
    const verify = createTokenVerifier(loadConfig({ JWKS_URL: url, JWT_ISSUER: jwks.issuer }).auth);
    await expect(verify(token)).rejects.toBeInstanceOf(TokenKeysUnavailableError);
    await expect(verify(token)).rejects.toBeInstanceOf(TokenKeysUnavailableError);
  });
});

it('still refuses a configuration without a token key source at start-up', () => {
  expect(() => createTokenVerifier(loadConfig({}).auth)).toThrow(ConfigError);
  expect(() => createTokenVerifier(loadConfig({}).auth)).toThrow(/JWT_SECRET.*JWKS_URL/);
});

/**
 * The same in the artifact that ships: a bundle of lambda.ts as `npm run build` makes it (here
 * into a temporary directory, leaving dist/ alone), loaded by plain Node.
 */
describe('the Lambda bundle', () => {
  let dir: string;
  let file: string;
  let store: TestStore;
  let jwks: LocalJwks;
  let bundle: BundleProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lazy-token-keys-'));
    file = path.join(dir, 'lambda.js');
    await bundleEntry(path.join(__dirname, '..', '..', 'lambda.ts'), file);
    store = await startTestStore();
    // A refused token counts against the client IP, in DynamoDB (on AWS the stack makes this).
    await ensureTable(store.client, rateLimitTableDefinition('lazy-rate-limits'));
    jwks = await startLocalJwks();
    bundle = startBundleProcess(file, {
      NODE_ENV: 'production',
      CURSOR_SECRET: 'lazy-token-keys-cursor-secret-0123456789ab',
      DYNAMODB_ENDPOINT: store.endpoint,
      TABLE_NAME: store.tableName,
      RATE_LIMIT_TABLE_NAME: 'lazy-rate-limits',
      JWKS_URL: jwks.url,
      JWT_ISSUER: jwks.issuer,
      JWT_SKIP_AUDIENCE: 'true',
      AWS_REGION: 'eu-west-1',
      LOG_LEVEL: 'silent',
      METRICS: 'false',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
  }, 60_000);

  afterAll(async () => {
    await bundle.close();
    await store.close();
    await jwks.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** GET /health through the bundle: status, and the challenge of a refused token. */
  async function getHealth(authorization?: string): Promise<[number, string | undefined]> {
    const headers: Record<string, string[]> = authorization
      ? { Authorization: [authorization] }
      : {};
    const event = toEvent('rest-v1', { method: 'GET', path: '/health', headers });
    const answer = await bundle.invoke(event);
    if (answer.error) throw new Error(answer.error);
    const response = fromLambdaResult(answer.result);
    return [response.status, response.headers['www-authenticate']];
  }

  it('fetches the key set on the first request carrying a token, not at init nor for anonymous requests', async () => {
    // Answered once the bundle has loaded; a fetch started at init has reached the issuer
    // by the end of the pause.
    expect(await getHealth()).toEqual([200, undefined]);
    await settle();
    expect(jwks.fetches()).toBe(0);
    expect(await getHealth(`Bearer ${await jwks.sign({ sub: 'first' })}`)).toEqual([
      200,
      undefined,
    ]);
    expect(jwks.fetches()).toBe(1);
    expect(await getHealth(`Bearer ${await jwks.sign({ sub: 'second' })}`)).toEqual([
      200,
      undefined,
    ]);
    expect(jwks.fetches()).toBe(1);
    // jose's error, from the module loaded on demand, still becomes the app's 401.
    const [status, challenge] = await getHealth('Bearer not.a.token');
    expect(status).toBe(401);
    expect(challenge).toContain('error="invalid_token"');
  });

  it('keeps only the part of jose the verifier uses (its deferred require keeps tree-shaking)', () => {
    const meta = JSON.parse(readFileSync(file.replace(/\.js$/, '.meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    const [output] = Object.values(meta.outputs).filter((o) => Object.keys(o.inputs).length > 0);
    const joseBytes = Object.entries(output?.inputs ?? {})
      .filter(([input]) => input.includes('node_modules/jose/'))
      .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
    // jwtVerify, createLocalJWKSet and the errors: about 20 KB minified; all of jose is 62 KB.
    expect(joseBytes).toBeGreaterThan(0);
    expect(joseBytes).toBeLessThan(30_000);
  });
});
