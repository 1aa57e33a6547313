/** Who is calling: set by the authenticate middleware from a verified bearer token. */
export interface Caller {
  /** The token's `sub` claim. */
  subject: string;
  /** Scopes granted by the token (configured claim, configured prefix stripped). */
  scopes: ReadonlySet<string>;
}
