import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { mintToken } from '../app/auth/mint-token';
import type { ParameterReaders } from '../app/config/secrets';
import { createAuthorizer, handler, stageWide } from '../authorizer';

/**
 * authorizer.ts, the optional API Gateway TOKEN authorizer: the app's verifier and config,
 * an Allow policy for the whole stage (cacheable per token) or the error "Unauthorized".
 */
const SECRET = 'authorizer-test-secret-0123456789abcdef';
const ISSUER = 'https://express-lambda-api/test';
const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/POST/v1/items';
const STAGE_WIDE = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/*/*';

const saved = { ...process.env };
beforeAll(() => {
  // The module-level handler reads process.env on its first invocation.
  process.env.JWT_SECRET = SECRET;
  process.env.JWT_ISSUER = ISSUER;
  process.env.LOG_LEVEL = 'silent';
});
afterAll(() => {
  process.env = saved;
});

const event = (authorizationToken: string): APIGatewayTokenAuthorizerEvent => ({
  type: 'TOKEN',
  authorizationToken,
  methodArn: METHOD_ARN,
});

const token = (overrides: Partial<Parameters<typeof mintToken>[0]> = {}) =>
  mintToken({
    secret: SECRET,
    issuer: ISSUER,
    subject: 'alice',
    scopes: ['items:write'],
    expiresIn: '5m',
    ...overrides,
  });

describe('valid token', () => {
  it('allows every method of the stage, with the subject and scopes as context', async () => {
    const result = await handler(event(`Bearer ${await token()}`));
    expect(result).toEqual({
      principalId: 'alice',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: STAGE_WIDE }],
      },
      context: { sub: 'alice', scope: 'items:write' },
    });
  });

  it('accepts a token without scopes (reads) and a lower-case scheme', async () => {
    const result = await handler(event(`bearer ${await token({ scopes: [] })}`));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(result.context).toEqual({ sub: 'alice', scope: '' });
  });

  it('strips the configured scope prefix, like the app', async () => {
    const authorize = createAuthorizer({
      JWT_SECRET: SECRET,
      JWT_ISSUER: ISSUER,
      JWT_SCOPE_PREFIX: 'https://api.example.com/',
      LOG_LEVEL: 'silent',
    });
    const result = await authorize(
      event(`Bearer ${await token({ scopes: ['https://api.example.com/items:write'] })}`),
    );
    expect(result.context).toEqual({ sub: 'alice', scope: 'items:write' });
  });
});

describe('refused: the error "Unauthorized" (API Gateway answers 401)', () => {
  const encode = (header: object, payload: object) =>
    [header, payload].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.');

  it.each([
    ['missing', async () => ''],
    ['not a bearer token', async () => 'Basic YWxpY2U6c2VjcmV0'],
    ['an empty bearer token', async () => 'Bearer '],
    ['malformed', async () => 'Bearer not-a-jwt'],
    ['signed with another key', async () => `Bearer ${await token({ secret: 'x'.repeat(40) })}`],
    ['from another issuer', async () => `Bearer ${await token({ issuer: 'https://evil' })}`],
    ['expired', async () => `Bearer ${await token({ expiresIn: '-5m' })}`],
    [
      'unsigned (alg none)',
      async () =>
        `Bearer ${encode({ alg: 'none' }, { sub: 'alice', iss: ISSUER, exp: 4102444800 })}.`,
    ],
  ])('%s', async (_name, authorization) => {
    await expect(handler(event(await authorization()))).rejects.toThrow(/^Unauthorized$/);
  });

  it('checks the audience when one is configured', async () => {
    const authorize = createAuthorizer({
      JWT_SECRET: SECRET,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: 'items-api',
      LOG_LEVEL: 'silent',
    });
    await expect(authorize(event(`Bearer ${await token()}`))).rejects.toThrow(/^Unauthorized$/);
    const ok = await authorize(event(`Bearer ${await token({ audience: 'items-api' })}`));
    expect(ok.principalId).toBe('alice');
  });
});

describe('start-up: config and secrets once per container, on the first invocation', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt-AbCdEf',
    JWT_ISSUER: ISSUER,
    JWT_SKIP_AUDIENCE: 'true',
    LOG_LEVEL: 'silent',
  };

  function fakeReaders(values: Record<string, string | Error>) {
    const reads: string[] = [];
    const readers: ParameterReaders = {
      secret: async (id) => {
        reads.push(id);
        const value = values[id];
        if (value === undefined) throw new Error(`no secret ${id}`);
        if (value instanceof Error) throw value;
        return value;
      },
      parameter: async (name) => {
        reads.push(name);
        throw new Error(`no parameter ${name}`);
      },
    };
    return { reads, readers };
  }

  it('reads JWT_SECRET_ID lazily and once; needs no cursor key in production', async () => {
    const { reads, readers } = fakeReaders({ [production.JWT_SECRET_ID]: SECRET });
    const authorize = createAuthorizer(production, readers);
    expect(reads).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const result = await authorize(event(`Bearer ${await token()}`));
      expect(result.principalId).toBe('alice');
    }
    expect(reads).toEqual([production.JWT_SECRET_ID]);
  });

  it('never reads the cursor key, even when CURSOR_SECRET_ID is set', async () => {
    const { reads, readers } = fakeReaders({ [production.JWT_SECRET_ID]: SECRET });
    const authorize = createAuthorizer({ ...production, CURSOR_SECRET_ID: 'cursor' }, readers);
    await authorize(event(`Bearer ${await token()}`));
    expect(reads).toEqual([production.JWT_SECRET_ID]);
  });

  it('fails (not 401) when the key cannot be read, and tries again next time', async () => {
    const values: Record<string, string | Error> = {
      [production.JWT_SECRET_ID]: new Error('AccessDenied'),
    };
    const { reads, readers } = fakeReaders(values);
    const authorize = createAuthorizer(production, readers);
    const attempt = authorize(event(`Bearer ${await token()}`));
    await expect(attempt).rejects.toThrow(/JWT_SECRET_ID .* could not be read/);
    await expect(attempt).rejects.not.toThrow(/^Unauthorized$/);
    values[production.JWT_SECRET_ID] = SECRET;
    const result = await authorize(event(`Bearer ${await token()}`));
    expect(result.principalId).toBe('alice');
    expect(reads).toHaveLength(2);
  });

  it('keeps the production rules: no plain JWT_SECRET, an issuer required', async () => {
    await expect(
      createAuthorizer({ NODE_ENV: 'production', JWT_SECRET: SECRET, JWT_ISSUER: ISSUER })(
        event(`Bearer ${await token()}`),
      ),
    ).rejects.toThrow(/JWT_SECRET must not be a plain variable in production/);
    const { readers } = fakeReaders({ [production.JWT_SECRET_ID]: SECRET });
    await expect(
      createAuthorizer(
        { ...production, JWT_ISSUER: undefined },
        readers,
      )(event(`Bearer ${await token()}`)),
    ).rejects.toThrow(/JWT_ISSUER is required in production/);
  });

  it('answers 500, not 401, when the issuer keys cannot be fetched', async () => {
    const authorize = createAuthorizer({
      JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
      JWT_ISSUER: ISSUER,
      LOG_LEVEL: 'silent',
    });
    const rs256 = [
      { alg: 'RS256', kid: 'k1' },
      { sub: 'alice', iss: ISSUER, exp: 4102444800 },
    ]
      .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
      .join('.');
    const attempt = authorize(event(`Bearer ${rs256}.c2lnbmF0dXJl`));
    await expect(attempt).rejects.toThrow('Token verification unavailable');
  });
});

describe('stageWide', () => {
  it('turns a method ARN into every method and path of its stage', () => {
    expect(stageWide(METHOD_ARN)).toBe(STAGE_WIDE);
    expect(stageWide('arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/')).toBe(
      'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*',
    );
    expect(
      stageWide('arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/dev/GET/v1/items/a:b'),
    ).toBe('arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/dev/*/*');
  });
});
