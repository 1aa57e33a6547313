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
 * Handlers for the contract's security schemes (openapi.yaml `components.securitySchemes`).
 * The token itself was verified earlier (authenticate.ts); here the validator asks, for the
 * operation's requirement, whether this caller qualifies. A failure records the challenge the
 * error handler sends in `WWW-Authenticate`.
 */
export const securityHandlers = {
  bearerAuth(req: Request, scopes: string[]): boolean {
    const caller = req.caller;
    if (!caller) {
      req.authChallenge = bearerChallenge();
      throw new SecurityRejection(401, 'A bearer token is required');
    }
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
