import { ConfigError, loadConfig } from '../app/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has sane local defaults: embedded store, port 3000, responses validated', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.storage.kind).toBe('embedded');
    expect(config.storage.tableName).toBe('items');
    expect(config.http.validateResponses).toBe(true);
    expect(config.http.corsOrigins).toEqual([]);
  });

  it('uses DYNAMODB_ENDPOINT when given, and AWS only when STORAGE=aws says so', () => {
    expect(loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }).storage).toMatchObject({
      kind: 'endpoint',
      endpoint: 'http://127.0.0.1:8000',
    });
    expect(loadConfig({ STORAGE: 'aws' }).storage.kind).toBe('aws');
    expect(loadConfig({ AWS_ACCESS_KEY_ID: 'AKIA...' }).storage.kind).toBe('embedded');
  });

  it('parses the CORS allow-list', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).http.corsOrigins,
    ).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORAGE: 'postgres' }, 'STORAGE'],
    [{ STORAGE: 'endpoint' }, 'DYNAMODB_ENDPOINT'],
    [{ DYNAMODB_ENDPOINT: 'not a url' }, 'DYNAMODB_ENDPOINT'],
    [{ TABLE_NAME: 'a b' }, 'TABLE_NAME'],
    [{ CORS_ORIGINS: 'https://ok.example,*' }, 'CORS_ORIGINS'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'production' }, 'CURSOR_SECRET'],
    [{ CURSOR_SECRET: 'short' }, 'CURSOR_SECRET'],
    [{ VALIDATE_RESPONSES: 'maybe' }, 'VALIDATE_RESPONSES'],
  ])('fails fast on %o naming %s', (env, variable) => {
    expect(problemsOf(env).join('\n')).toContain(variable);
  });

  it('accepts production config with a cursor secret', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      CURSOR_SECRET: 'x'.repeat(32),
      STORAGE: 'aws',
    });
    expect(config.http.validateResponses).toBe(false);
    expect(config.cursorSecret).toBe('x'.repeat(32));
  });
});

describe('loadConfig on Lambda (defaultStorage aws)', () => {
  it('uses AWS by default but still honours DYNAMODB_ENDPOINT', () => {
    expect(loadConfig({}, { defaultStorage: 'aws' }).storage.kind).toBe('aws');
    expect(
      loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' }, { defaultStorage: 'aws' }).storage,
    ).toMatchObject({
      kind: 'endpoint',
      endpoint: 'http://127.0.0.1:9',
    });
  });
});
