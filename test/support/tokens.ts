import { randomBytes } from 'node:crypto';
import { LOCAL_ISSUER } from '../../app/config';
import { mintToken } from '../../app/auth/mint-token';
import { declaredScopes } from '../../app/openapi/scopes';

/** A fresh HS256 key per test run (per Jest worker): no token outlives the run. */
export const TEST_JWT_SECRET = randomBytes(32).toString('base64url');

export interface TestTokenOptions {
  subject?: string;
  scopes?: readonly string[];
  expiresIn?: string;
  issuer?: string;
  audience?: string;
  secret?: string;
}

/** A token the test app accepts: subject `test-user`, every declared scope unless told. */
export function testToken(options: TestTokenOptions = {}): Promise<string> {
  return mintToken({
    secret: options.secret ?? TEST_JWT_SECRET,
    issuer: options.issuer ?? LOCAL_ISSUER,
    audience: options.audience,
    subject: options.subject ?? 'test-user',
    scopes: options.scopes ?? declaredScopes(),
    expiresIn: options.expiresIn ?? '1h',
  });
}

let writer: Promise<string> | undefined;

/** The default token every test client sends (minted once per worker). */
export function defaultTestToken(): Promise<string> {
  writer ??= testToken();
  return writer;
}
