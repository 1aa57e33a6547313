import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { loadConfig } from '../../app/config';
import {
  createTokenVerifier,
  InvalidTokenError,
  scopesOf,
  TokenKeysUnavailableError,
} from '../../app/auth/token-verifier';
import { startLocalJwks } from '../support/local-jwks';

const SECRET = 's'.repeat(40);
const key = new TextEncoder().encode(SECRET);

function sign(claims: Record<string, unknown>, expSeconds: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('express-lambda-api-local')
    .setSubject('cached')
    .setExpirationTime(Math.floor(Date.now() / 1000) + expSeconds)
    .sign(key);
}

describe('createTokenVerifier', () => {
  it('stops accepting a remembered token once it expires', async () => {
    const verify = createTokenVerifier(
      loadConfig({ JWT_SECRET: SECRET, JWT_CLOCK_TOLERANCE_S: '0' }).auth,
    );
    const token = await sign({ scope: 'items:write' }, 2);
    expect((await verify(token)).subject).toBe('cached');
    expect((await verify(token)).scopes.has('items:write')).toBe(true); // from the cache
    await new Promise((r) => setTimeout(r, 3100));
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('verifies RS256 tokens against a JWKS and refuses other keys', async () => {
    const jwks = await startLocalJwks();
    const other = await startLocalJwks();
    try {
      const verify = createTokenVerifier(
        loadConfig({ JWKS_URL: jwks.url, JWT_ISSUER: jwks.issuer }).auth,
      );
      expect((await verify(await jwks.sign({ sub: 'alice' }))).subject).toBe('alice');
      const foreign = await other.sign({ sub: 'mallory' }); // same kid, another key pair
      await expect(
        createTokenVerifier(loadConfig({ JWKS_URL: jwks.url, JWT_ISSUER: other.issuer }).auth)(
          foreign,
        ),
      ).rejects.toBeInstanceOf(InvalidTokenError);
    } finally {
      await jwks.close();
      await other.close();
    }
  });

  it("reports an issuer whose key set answers other than 200 as unavailable (503), not the token's fault", async () => {
    const jwks = await startLocalJwks();
    const token = await jwks.sign({ sub: 'alice' });
    await jwks.close();
    for (const status of [500, 302]) {
      const issuer = createServer((_req, res) => {
        res.writeHead(status, { location: 'http://127.0.0.1:9/elsewhere' }).end('down');
      });
      await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
      const { port } = issuer.address() as AddressInfo;
      try {
        const verify = createTokenVerifier(
          loadConfig({ JWKS_URL: `http://127.0.0.1:${port}/jwks`, JWT_ISSUER: jwks.issuer }).auth,
        );
        await expect(verify(token)).rejects.toBeInstanceOf(TokenKeysUnavailableError);
      } finally {
        await new Promise((resolve) => issuer.close(resolve));
      }
    }
  });

  it('reads scopes from a string or a list; with a prefix, only those carrying it, stripped', () => {
    expect([...scopesOf('openid  items:write', '')]).toEqual(['openid', 'items:write']);
    // Another resource server's `items:write` (no prefix) is not this API's.
    expect([...scopesOf(['items:write', 'p/items:read', 'p/', 3], 'p/')]).toEqual(['items:read']);
    expect([...scopesOf('a p/b', 'p/')]).toEqual(['b']);
    expect(scopesOf(undefined, '').size).toBe(0);
  });

  it.each([
    ['an object', {}],
    ['an empty string', ''],
    ['a number', 42],
  ])(
    'refuses a token whose sub is %s (401, never a 500 or a shared budget)',
    async (_name, sub) => {
      const verify = createTokenVerifier(loadConfig({ JWT_SECRET: SECRET }).auth);
      const token = await new SignJWT({ sub } as Record<string, unknown>)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('express-lambda-api-local')
        .setExpirationTime('5m')
        .sign(key);
      await expect(verify(token)).rejects.toThrow(/"sub" claim/);
    },
  );
});
