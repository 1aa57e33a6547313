import type { Request } from 'express';
import { bearerChallenge } from './challenge';

/** What express-openapi-validator expects a failing handler to throw: a status and a message. */
class SecurityRejection extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The operation's `x-required-scopes` (openapi.yaml): OpenAPI 3.0 allows scopes in a security
 * requirement only for OAuth 2 and OpenID Connect schemes, so a bearer scheme's are declared
 * beside it. A value that is not a list fails closed: the validator answers 401.
 */
function requiredScopes(req: Request): string[] {
  const declared = (req.openapi?.schema as Record<string, unknown> | undefined)?.[
    'x-required-scopes'
  ];
  if (declared === undefined) return [];
  if (!Array.isArray(declared)) throw new Error('x-required-scopes must be a list of scopes');
  return declared.map(String);
}

/**
 * Handlers for the contract's security schemes (openapi.yaml `components.securitySchemes`).
 * The token itself was verified earlier (authenticate.ts); here the validator asks, for the
 * operation's requirement, whether this caller qualifies: the requirement's scopes and the
 * operation's `x-required-scopes`. A failure records the challenge the error handler sends in
 * `WWW-Authenticate`.
 */
export const securityHandlers = {
  bearerAuth(req: Request, listed: string[]): boolean {
    const caller = req.caller;
    if (!caller) {
      req.authChallenge = bearerChallenge();
      throw new SecurityRejection(401, 'A bearer token is required');
    }
    const scopes = [...listed, ...requiredScopes(req)];
    const missing = scopes.filter((scope) => !caller.scopes.has(scope));
    if (missing.length > 0) {
      req.authChallenge = bearerChallenge({
        error: 'insufficient_scope',
        scope: scopes.join(' '),
      });
      throw new SecurityRejection(403, `The token lacks the scope ${missing.join(' ')}`);
    }
    return true;
  },
};
