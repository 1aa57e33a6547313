/** Who is calling: set by the authenticate middleware from a verified bearer token. */
export interface Caller {
  /** The token's `sub` claim. */
  subject: string;
  /** Scopes granted by the token (configured claim, configured prefix stripped). */
  scopes: ReadonlySet<string>;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Present only when the request carried a valid bearer token. */
    caller?: Caller;
    /** The WWW-Authenticate challenge a 401/403 for this request should carry. */
    authChallenge?: string;
  }
}
