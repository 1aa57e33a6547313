import { ConfigError, loadConfig } from '../../app/config';
import { authShape, loadAuthorizerConfig } from '../../app/config/auth';
import { apiEnvSchema } from '../../app/config/schema';

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
    [{ NODE_ENV: 'production' }, 'JWT_SECRET_ID'],
    [{ NODE_ENV: 'production' }, 'JWT_ISSUER'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) }, 'JWT_SECRET'],
    [{ JWT_SECRET: 's'.repeat(32), JWKS_URL: 'https://i.example/jwks' }, 'JWKS_URL'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ JWKS_URL: 'ftp://i.example/jwks' }, 'JWKS_URL'],
    [{ JWT_ALGORITHMS: 'HS256' }, 'JWT_ALGORITHMS'],
    [{ RATE_LIMIT_METHODS: 'POST,TRACE' }, 'RATE_LIMIT_METHODS'],
    [{ AUTH_ANONYMOUS_READS: 'sometimes' }, 'AUTH_ANONYMOUS_READS'],
    [{ IDEMPOTENCY_TTL_S: '0' }, 'IDEMPOTENCY_TTL_S'],
    [{ NODE_ENV: 'production' }, 'JWT_AUDIENCE'],
    [{ NODE_ENV: 'production', JWKS_URL: 'http://issuer.example/jwks' }, 'JWKS_URL'],
    [{ JWT_AUDIENCE: 'api', JWT_SKIP_AUDIENCE: 'true' }, 'JWT_SKIP_AUDIENCE'],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' },
      'HTTP_HEADERS_TIMEOUT_MS',
    ],
    [{ HTTP_MAX_CONNECTIONS: '0' }, 'HTTP_MAX_CONNECTIONS'],
  ])('fails fast on %o naming %s', (env, variable) => {
    expect(problemsOf(env).join('\n')).toContain(variable);
  });

  describe('messages about a bad value, in our words', () => {
    it.each([
      [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535, got "abc"'],
      [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
      [{ RATE_LIMIT_MAX: '0' }, 'RATE_LIMIT_MAX must be an integer of at least 1, got "0"'],
      [{ STORAGE: 'postgres' }, 'STORAGE must be one of embedded, endpoint, aws, got "postgres"'],
      [{ NODE_ENV: 'prod' }, 'NODE_ENV must be one of development, test, production, got "prod"'],
      [{ TRACING: 'yes' }, 'TRACING must be true or false (or 1 or 0), got "yes"'],
      [
        { DYNAMODB_ENDPOINT: 'localhost 8000' },
        'DYNAMODB_ENDPOINT must be a URL such as http://127.0.0.1:8000, got "localhost 8000"',
      ],
      [
        { JWKS_URL: 'ftp://i.example/jwks' },
        'JWKS_URL must be an http:// or https:// URL, got "ftp://i.example/jwks"',
      ],
      [
        { RATE_LIMIT_METHODS: 'POST,TRACE' },
        'RATE_LIMIT_METHODS must be a comma-separated list of GET, HEAD, POST, PUT, PATCH, DELETE, got "POST,TRACE"',
      ],
    ])('%o: %s', (env, message) => {
      expect(problemsOf(env)).toEqual([message]);
    });

    it('takes integers in decimal digits only, not what Number() would make of them', () => {
      for (const value of [' ', '0x10', '1e3', '3000.0', '-0', '99999999999999999999']) {
        expect(problemsOf({ PORT: value })).toEqual([
          `PORT must be an integer from 0 to 65535, got ${JSON.stringify(value)}`,
        ]);
      }
      expect(loadConfig({ PORT: '0' }).port).toBe(0);
      expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    });

    it('never shows a key: a short one is reported by its length', () => {
      const short = 'hunter2-is-not-a-key';
      const problems = problemsOf({ CURSOR_SECRET: short, JWT_SECRET: short });
      expect(problems).toEqual([
        'JWT_SECRET must be a key of at least 32 characters, got 20 characters',
        'CURSOR_SECRET must be a key of at least 32 characters, got 20 characters',
      ]);
      expect(problems.join('\n')).not.toContain(short);
    });

    it('reports every bad variable once, and cuts a long value short', () => {
      const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', TABLE_NAME: 'a'.repeat(300) });
      expect(problems).toHaveLength(3);
      expect(problems[2]).toBe(
        `TABLE_NAME must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), got "${'a'.repeat(80)}..."`,
      );
    });

    it('says, for every variable of the API and the authorizer, what it accepts (no validator wording)', () => {
      const variables = [...Object.keys(apiEnvSchema.shape), ...Object.keys(authShape)];
      const candidates = ['abc', '-1', '1.5', '0x10', ' ', '!', 'ftp://x', 'x'.repeat(3000)];
      const rejected = new Set<string>();
      for (const variable of variables) {
        for (const value of candidates) {
          for (const load of [loadConfig, loadAuthorizerConfig]) {
            let problems: string[] = [];
            try {
              load({ [variable]: value });
            } catch (err) {
              if (!(err instanceof ConfigError)) throw err;
              problems = err.problems;
            }
            for (const problem of problems) {
              expect(problem).not.toMatch(/invalid|expected|too (small|big)|received/i);
              if (!problem.startsWith(`${variable} must be `)) continue; // a cross-field rule
              expect(problem).toMatch(
                new RegExp(`^${variable} must be .+, got (".*"|\\d+ characters)$`),
              );
              rejected.add(variable);
            }
          }
        }
      }
      // Every numeric, enumerated and URL variable refuses some of those candidates.
      for (const variable of [
        'PORT',
        'HTTP_MAX_CONNECTIONS',
        'LAMBDA_TIMEOUT_S',
        'SHUTDOWN_TIMEOUT_MS',
        'JWT_CLOCK_TOLERANCE_S',
        'NODE_ENV',
        'LOG_LEVEL',
        'LOG_FORMAT',
        'STORAGE',
        'METRICS',
        'AUTH_ANONYMOUS_READS',
        'DYNAMODB_ENDPOINT',
        'JWKS_URL',
      ]) {
        expect(rejected).toContain(variable);
      }
    });
  });

  describe('token rules in production', () => {
    const production = {
      NODE_ENV: 'production',
      CURSOR_SECRET: 'x'.repeat(32),
      JWT_ISSUER: 'https://issuer.example.com',
    };
    it('takes an audience, or the explicit opt-out', () => {
      const jwks = { ...production, JWKS_URL: 'https://issuer.example.com/jwks' };
      expect(loadConfig({ ...jwks, JWT_AUDIENCE: 'items-api' }).auth.audience).toBe('items-api');
      expect(loadConfig({ ...jwks, JWT_SKIP_AUDIENCE: 'true' }).auth.audience).toBeUndefined();
      expect(problemsOf(jwks).join('\n')).toMatch(/JWT_AUDIENCE is required in production/);
    });
    it('fetches keys over https, or over plain http on loopback only', () => {
      const ok = { ...production, JWT_SKIP_AUDIENCE: 'true' };
      for (const url of [
        'http://127.0.0.1:8080/jwks',
        'http://localhost/jwks',
        'http://[::1]/jwks',
      ]) {
        expect(loadConfig({ ...ok, JWKS_URL: url }).auth.jwksUrl).toBe(url);
      }
      for (const url of ['http://issuer.example/jwks', 'http://127.0.0.1.example/jwks']) {
        expect(problemsOf({ ...ok, JWKS_URL: url }).join('\n')).toMatch(
          /JWKS_URL must be an https/,
        );
      }
    });
  });

  it('accepts production config with a cursor secret and a token key source', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      CURSOR_SECRET: 'x'.repeat(32),
      STORAGE: 'aws',
      JWT_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt-AbCdEf',
      JWT_ISSUER: 'https://issuer.example.com',
      JWT_SKIP_AUDIENCE: 'true',
    });
    expect(config.http.validateResponses).toBe(false);
    expect(config.cursorSecret).toBe('x'.repeat(32));
    expect(config.auth).toMatchObject({
      secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt-AbCdEf',
      issuer: 'https://issuer.example.com',
      anonymousReads: true,
      scopeClaim: 'scope',
    });
  });

  it('reads the auth, rate-limit and idempotency settings', () => {
    const config = loadConfig({
      JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json',
      JWT_ALGORITHMS: 'RS256, ES256',
      JWT_SCOPE_PREFIX: 'https://api.example.com/',
      AUTH_ANONYMOUS_READS: 'false',
      RATE_LIMIT_METHODS: 'POST,GET',
      IDEMPOTENCY_TTL_S: '60',
    });
    expect(config.auth.jwksAlgorithms).toEqual(['RS256', 'ES256']);
    expect(config.auth.scopePrefix).toBe('https://api.example.com/');
    expect(config.auth.anonymousReads).toBe(false);
    expect(config.rateLimit.methods).toEqual(['POST', 'GET']);
    expect(config.idempotency).toEqual({ tableName: 'idempotency', ttlS: 60 });
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

describe('loadAuthorizerConfig (the gateway authorizer reads the token settings only)', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET_ID: 'api/jwt',
    JWT_ISSUER: 'https://issuer.example.com',
    JWT_AUDIENCE: 'items-api',
  };

  it('needs no cursor key in production, where the API does', () => {
    expect(loadAuthorizerConfig(production)).toEqual({
      env: 'production',
      logLevel: 'info',
      auth: expect.objectContaining({ secretId: 'api/jwt', issuer: 'https://issuer.example.com' }),
    });
    expect(problemsOf(production).join('\n')).toContain('CURSOR_SECRET');
  });

  it('applies the same token rules as the API', () => {
    expect(() => loadAuthorizerConfig({ ...production, JWT_ISSUER: '' })).toThrow(
      /JWT_ISSUER is required in production/,
    );
    expect(() =>
      loadAuthorizerConfig({ ...production, JWKS_URL: 'https://x.example/jwks' }),
    ).toThrow(/JWKS_URL conflicts with JWT_SECRET_ID/);
  });

  it('ignores the API-only variables, even malformed ones', () => {
    expect(() =>
      loadAuthorizerConfig({ ...production, TABLE_NAME: '!', LAMBDA_TIMEOUT_S: '999' }),
    ).not.toThrow();
    expect(problemsOf({ ...production, TABLE_NAME: '!' }).join('\n')).toContain('TABLE_NAME');
  });
});
