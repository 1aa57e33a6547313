import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface LocalJwks {
  /** Where the public key set is served (JWKS_URL). */
  url: string;
  /** The issuer tokens carry (JWT_ISSUER). */
  issuer: string;
  /** Signs an RS256 access token with the set's private key. */
  sign(claims: { sub: string; scope?: string }, expiresIn?: string): Promise<string>;
  /** Key set downloads served so far. */
  fetches(): number;
  close(): Promise<void>;
}

/**
 * A stand-in for an identity provider's JWKS endpoint (a Cognito user pool, say) on loopback:
 * a fresh RS256 key pair per start. Lets the production configuration (JWKS_URL) run offline,
 * in the bundle test and the benchmark.
 */
export async function startLocalJwks(): Promise<LocalJwks> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'local-1';
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256' }] });
  let fetches = 0;
  const server = createServer((req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/issuer`;
  return {
    url: `${base}/.well-known/jwks.json`,
    issuer,
    sign: (claims, expiresIn = '1h') =>
      new SignJWT({ scope: claims.scope ?? 'items:write' })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(issuer)
        .setSubject(claims.sub)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    fetches: () => fetches,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
