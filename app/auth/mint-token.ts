import { SignJWT } from 'jose';

export interface MintOptions {
  secret: string;
  issuer: string;
  audience?: string;
  subject: string;
  scopes: readonly string[];
  /** jose duration, e.g. '15m', '12h'. */
  expiresIn: string;
}

/** Signs an HS256 access token (local tools and tests; production tokens come from an issuer). */
export function mintToken(options: MintOptions): Promise<string> {
  const jwt = new SignJWT({ scope: options.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
