import { SignJWT, UnsecuredJWT } from 'jose';
import type { ProblemBody } from '../../app/http/problem-response';
import { startTestApi, type TestApi } from '../support/test-app';
import { TEST_JWT_SECRET, testToken } from '../support/tokens';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const key = new TextEncoder().encode(TEST_JWT_SECRET);

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  type: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((res.body as ProblemBody).type).toBe(`https://express-lambda-api.dev/problems/${type}`);
  expect((res.body as ProblemBody).requestId).toBe(res.headers['x-request-id']);
}

describe('bearer tokens', () => {
  it('lets a token with items:write create', async () => {
    expect((await t.api.post('/v1/items', { name: 'authorised' })).status).toBe(201);
  });

  it('answers a write without a token with 401 and a Bearer challenge', async () => {
    const res = await t.api.anonymous.post('/v1/items', { name: 'anonymous' });
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="express-lambda-api"');
  });

  it('answers a valid token without the scope with 403 insufficient_scope', async () => {
    const readOnly = await testToken({ scopes: ['items:read'] });
    const res = await t.api.post('/v1/items', { name: 'x' }, bearer(readOnly));
    expectProblem(res, 403, 'forbidden');
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="express-lambda-api", error="insufficient_scope", scope="items:write"',
    );
  });

  it('asks items:write of every write (openapi.yaml x-required-scopes), not of reads', async () => {
    const created = await t.api.post('/v1/items', { name: 'scoped' });
    const path = `/v1/items/${(created.body as { id: string }).id}`;
    const readOnly = bearer(await testToken({ scopes: ['items:read'] }));
    const writes = [
      await t.api.put(path, { name: 'x' }, readOnly),
      await t.api.patch(path, { name: 'x' }, readOnly),
      await t.api.delete(path, readOnly),
    ];
    for (const res of writes) {
      expectProblem(res, 403, 'forbidden');
      expect(res.headers['www-authenticate']).toBe(
        'Bearer realm="express-lambda-api", error="insufficient_scope", scope="items:write"',
      );
    }
    expect((await t.api.get(path, readOnly)).status).toBe(200);
    expect((await t.api.get('/v1/items', readOnly)).status).toBe(200);
  });

  it('lets anonymous callers read', async () => {
    expect((await t.api.anonymous.get('/v1/items')).status).toBe(200);
    expect((await t.api.anonymous.get('/health')).status).toBe(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const invalid: [string, () => Promise<string>, RegExp][] = [
    [
      'alg none',
      async () =>
        new UnsecuredJWT({ scope: 'items:write' })
          .setIssuer('express-lambda-api-local')
          .setSubject('x')
          .setExpirationTime('1h')
          .encode(),
      /malformed|algorithm/,
    ],
    [
      'a wrong algorithm (HS512 with the right key)',
      () =>
        new SignJWT({ scope: 'items:write' })
          .setProtectedHeader({ alg: 'HS512' })
          .setIssuer('express-lambda-api-local')
          .setSubject('x')
          .setExpirationTime('1h')
          .sign(key),
      /algorithm/,
    ],
    ['a bad signature', () => testToken({ secret: 'x'.repeat(40) }), /signature/],
    ['an expired token', () => expiredToken(), /expired/],
    ['a wrong issuer', () => testToken({ issuer: 'https://evil.example.com' }), /"iss"/],
    [
      'no subject',
      () =>
        new SignJWT({ scope: 'items:write' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('express-lambda-api-local')
          .setExpirationTime('1h')
          .sign(key),
      /"sub"/,
    ],
    ['garbage', async () => 'not.a.jwt', /malformed/],
  ];

  async function expiredToken(): Promise<string> {
    // Expired beyond the 30 s clock tolerance.
    return new SignJWT({ scope: 'items:write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('express-lambda-api-local')
      .setSubject('x')
      .setIssuedAt(now() - 7200)
      .setExpirationTime(now() - 120)
      .sign(key);
  }

  it.each(invalid)('answers %s with 401 invalid_token on every route', async (_name, make, why) => {
    const token = await make();
    for (const res of [
      await t.api.post('/v1/items', { name: 'x' }, bearer(token)),
      await t.api.get('/v1/items', bearer(token)),
      await t.api.get('/health', bearer(token)),
    ]) {
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toMatch(
        /^Bearer realm="express-lambda-api", error="invalid_token", error_description="[^"]+"$/,
      );
      expect((res.body as ProblemBody).detail).toMatch(why);
    }
  });

  it('accepts a token expired by less than the clock tolerance', async () => {
    const justExpired = await new SignJWT({ scope: 'items:write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('express-lambda-api-local')
      .setSubject('x')
      .setExpirationTime(now() - 5)
      .sign(key);
    expect((await t.api.post('/v1/items', { name: 'skewed' }, bearer(justExpired))).status).toBe(
      201,
    );
  });

  it('refuses credentials that are not a bearer token with 401 invalid_request', async () => {
    const res = await t.api.get('/v1/items', { Authorization: 'Basic dXNlcjpwYXNz' });
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_request"/);
  });
});

describe('configuration', () => {
  it('demands a token on reads when AUTH_ANONYMOUS_READS=false', async () => {
    const strict = await startTestApi({ store: t.store, env: { AUTH_ANONYMOUS_READS: 'false' } });
    try {
      expectProblem(await strict.api.anonymous.get('/v1/items'), 401, 'unauthorized');
      expect((await strict.api.anonymous.head('/v1/items')).status).toBe(401);
      expect((await strict.api.get('/v1/items')).status).toBe(200);
      expect((await strict.api.anonymous.get('/health')).status).toBe(200); // health stays public
    } finally {
      await strict.close();
    }
  });

  it('checks the audience when JWT_AUDIENCE is set', async () => {
    const api = await startTestApi({ store: t.store, env: { JWT_AUDIENCE: 'items-api' } });
    try {
      const right = await testToken({ audience: 'items-api' });
      const wrong = await testToken({ audience: 'other-api' });
      expect((await api.api.post('/v1/items', { name: 'a' }, bearer(right))).status).toBe(201);
      const res = await api.api.post('/v1/items', { name: 'b' }, bearer(wrong));
      expectProblem(res, 401, 'unauthorized');
      expect((res.body as ProblemBody).detail).toMatch(/"aud"/);
    } finally {
      await api.close();
    }
  });

  it('reads Cognito-style prefixed scopes with JWT_SCOPE_PREFIX, and `scp` lists with JWT_SCOPE_CLAIM', async () => {
    const cognito = await startTestApi({
      store: t.store,
      env: { JWT_SCOPE_PREFIX: 'https://api.example.com/' },
    });
    const okta = await startTestApi({ store: t.store, env: { JWT_SCOPE_CLAIM: 'scp' } });
    try {
      const prefixed = await testToken({ scopes: ['https://api.example.com/items:write'] });
      expect((await cognito.api.post('/v1/items', { name: 'c' }, bearer(prefixed))).status).toBe(
        201,
      );
      const scp = await new SignJWT({ scp: ['openid', 'items:write'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('express-lambda-api-local')
        .setSubject('okta-user')
        .setExpirationTime('1h')
        .sign(key);
      expect((await okta.api.post('/v1/items', { name: 'o' }, bearer(scp))).status).toBe(201);
      // The default token's space-separated `scope` means nothing under JWT_SCOPE_CLAIM=scp.
      expect((await okta.api.post('/v1/items', { name: 'n' })).status).toBe(403);
    } finally {
      await cognito.close();
      await okta.close();
    }
  });
});
