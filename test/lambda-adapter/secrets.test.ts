import { ConfigError, loadConfig } from '../../app/config';
import { MemoryItemRepository } from '../../bench/targets/memory-item-repository';
import { createLambdaEntry } from '../../lambda-adapter/lambda-entry';
import { resolveSecrets } from '../../lambda-adapter/secrets';
import { lambdaContext, restV1Event } from '../../scripts/lib/lambda-events';

const production = { NODE_ENV: 'production', STORAGE: 'aws' };

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
    const resolved = await resolveSecrets(config, async (id) => {
      seen.push(id);
      return 'k'.repeat(40);
    });
    expect(seen).toEqual(['cursor-key']);
    expect(resolved.cursorSecret).toBe('k'.repeat(40));
  });

  it('fails start-up naming the variable when the secret cannot be read or is too short', async () => {
    const config = loadConfig({ ...production, CURSOR_SECRET_ID: 'cursor-key' });
    await expect(resolveSecrets(config, () => Promise.reject(new Error('403')))).rejects.toThrow(
      ConfigError,
    );
    await expect(resolveSecrets(config, () => Promise.reject(new Error('403')))).rejects.toThrow(
      /CURSOR_SECRET_ID/,
    );
    await expect(resolveSecrets(config, async () => 'short')).rejects.toThrow(/at least 32/);
  });

  it('leaves config without secret ids untouched', async () => {
    const config = loadConfig({ CURSOR_SECRET: 'x'.repeat(32) });
    expect(await resolveSecrets(config, () => Promise.reject(new Error('not called')))).toBe(
      config,
    );
  });
});

describe('createLambdaEntry with a secret id', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('reads the secret on the first invocation, retries after a failure, then caches it', async () => {
    let calls = 0;
    globalThis.fetch = (async () => {
      calls++;
      if (calls === 1) return new Response('not ready', { status: 400 });
      return Response.json({ SecretString: 's'.repeat(40) });
    }) as typeof fetch;
    const config = loadConfig({
      ...production,
      LOG_LEVEL: 'silent',
      CURSOR_SECRET_ID: 'cursor-key',
    });
    const handler = createLambdaEntry(config, new MemoryItemRepository());
    expect(calls).toBe(0); // nothing at import/init time
    const event = restV1Event({ method: 'GET', path: '/health' });
    await expect(handler(event, lambdaContext())).rejects.toThrow(/CURSOR_SECRET_ID/);
    expect(((await handler(event, lambdaContext())) as { statusCode: number }).statusCode).toBe(
      200,
    );
    expect(((await handler(event, lambdaContext())) as { statusCode: number }).statusCode).toBe(
      200,
    );
    expect(calls).toBe(2);
  });
});
