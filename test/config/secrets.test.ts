import { ConfigError, loadConfig } from '../../app/config';
import { memoryStores } from '../support/memory-stores';
import { createLambdaEntry } from '../../entry/lambda-entry';
import { resolveSecrets, type ParameterReaders } from '../../app/config/secrets';
import { lambdaContext, restV1Event } from '../support/lambda-events';

const production = {
  NODE_ENV: 'production',
  STORAGE: 'aws',
  JWT_ISSUER: 'https://issuer.example.com',
  JWKS_URL: 'https://issuer.example.com/.well-known/jwks.json',
  JWT_AUDIENCE: 'items-api',
};

/** Readers where secrets come from `read` and SSM parameters are never expected. */
function secretReader(read: (id: string) => Promise<string>): ParameterReaders {
  return { secret: read, parameter: () => Promise.reject(new Error('no parameter expected')) };
}

describe('secrets from Secrets Manager', () => {
  it('accepts CURSOR_SECRET_ID instead of a plain CURSOR_SECRET in production', () => {
    const config = loadConfig({
      ...production,
      CURSOR_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cursor-AbCdEf',
    });
    expect(config.cursorSecretId).toMatch(/^arn:aws:secretsmanager:/);
  });

  it('refuses production config with neither', () => {
    expect(() => loadConfig(production)).toThrow(/CURSOR_SECRET/);
  });

  it('fills the cursor key from the secret, once resolved', async () => {
    const config = loadConfig({ ...production, CURSOR_SECRET_ID: 'cursor-key' });
    const seen: string[] = [];
    const resolved = await resolveSecrets(
      config,
      secretReader(async (id) => {
        seen.push(id);
        return 'k'.repeat(40);
      }),
    );
    expect(seen).toEqual(['cursor-key']);
    expect(resolved.cursorSecret).toBe('k'.repeat(40));
  });

  it('fails start-up naming the variable when the secret cannot be read or is too short', async () => {
    const config = loadConfig({ ...production, CURSOR_SECRET_ID: 'cursor-key' });
    await expect(
      resolveSecrets(
        config,
        secretReader(() => Promise.reject(new Error('403'))),
      ),
    ).rejects.toThrow(ConfigError);
    await expect(
      resolveSecrets(
        config,
        secretReader(() => Promise.reject(new Error('403'))),
      ),
    ).rejects.toThrow(/CURSOR_SECRET_ID/);
    await expect(
      resolveSecrets(
        config,
        secretReader(async () => 'short'),
      ),
    ).rejects.toThrow(/at least 32/);
  });

  it('leaves config without secret ids untouched', async () => {
    const config = loadConfig({ CURSOR_SECRET: 'x'.repeat(32) });
    expect(
      await resolveSecrets(
        config,
        secretReader(() => Promise.reject(new Error('not called'))),
      ),
    ).toBe(config);
  });
});

describe('createLambdaEntry with a secret id', () => {
  it('shares one first-invocation read among concurrent first invocations, each with its own facts', async () => {
    let reads = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const readers = secretReader(async () => {
      reads++;
      await gate; // every invocation arrives before the key does
      return 's'.repeat(40);
    });
    const config = loadConfig({
      ...production,
      LOG_LEVEL: 'silent',
      CURSOR_SECRET_ID: 'cursor-key',
    });
    const handler = createLambdaEntry(config, memoryStores(), readers);
    const contexts = Array.from({ length: 16 }, () => lambdaContext());
    const pending = contexts.map((context) =>
      handler(restV1Event({ method: 'GET', path: '/health' }), context),
    );
    release();
    const results = (await Promise.all(pending)) as {
      multiValueHeaders: Record<string, string[]>;
    }[];
    expect(reads).toBe(1);
    expect(results.map((r) => r.multiValueHeaders['x-request-id']?.[0])).toEqual(
      contexts.map((c) => c.awsRequestId),
    );
  });

  it('reads the secrets on the first invocation, retries after a failure, then keeps them', async () => {
    const reads: string[] = [];
    const readers: ParameterReaders = {
      secret: async (id) => {
        reads.push(id);
        if (reads.length === 1) throw new Error('not ready');
        return 's'.repeat(40);
      },
      parameter: async (name) => {
        reads.push(name);
        return 'https://issuer.example.com/.well-known/jwks.json';
      },
    };
    const config = loadConfig({
      ...production,
      JWKS_URL: '',
      JWKS_URL_PARAM: '/api/jwks-url',
      LOG_LEVEL: 'silent',
      CURSOR_SECRET_ID: 'cursor-key',
    });
    const handler = createLambdaEntry(config, memoryStores(), readers);
    expect(reads).toEqual([]); // nothing at import/init time
    const event = restV1Event({ method: 'GET', path: '/health' });
    await expect(handler(event, lambdaContext())).rejects.toThrow(/CURSOR_SECRET_ID/);
    expect(((await handler(event, lambdaContext())) as { statusCode: number }).statusCode).toBe(
      200,
    );
    expect(((await handler(event, lambdaContext())) as { statusCode: number }).statusCode).toBe(
      200,
    );
    expect(reads).toEqual(['cursor-key', '/api/jwks-url', 'cursor-key', '/api/jwks-url']);
  });

  it('reads the token key from JWT_SECRET_ID and refuses one that is too short', async () => {
    const config = loadConfig({
      ...production,
      JWKS_URL: '',
      JWT_SECRET_ID: 'jwt-key',
      CURSOR_SECRET: 'c'.repeat(32),
    });
    const resolved = await resolveSecrets(
      config,
      secretReader(async () => 'j'.repeat(48)),
    );
    expect(resolved.auth.secret).toBe('j'.repeat(48));
    await expect(
      resolveSecrets(
        config,
        secretReader(async () => 'short'),
      ),
    ).rejects.toThrow(/JWT_SECRET_ID must hold a key of at least 32/);
  });

  it('refuses a JWKS URL parameter that does not hold an https URL', async () => {
    const config = loadConfig({
      ...production,
      JWKS_URL: '',
      JWKS_URL_PARAM: '/jwks',
      CURSOR_SECRET: 'c'.repeat(32),
    });
    await expect(
      resolveSecrets(config, {
        secret: () => Promise.reject(new Error('unused')),
        parameter: async () => 'http://plain.example.com/jwks',
      }),
    ).rejects.toThrow(/JWKS_URL_PARAM \/jwks must hold an https:\/\/ URL/);
  });
});
