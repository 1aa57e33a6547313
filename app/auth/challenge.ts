/** The realm every challenge names (RFC 6750 section 3). */
export const REALM = 'express-lambda-api';

export interface ChallengeParams {
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  description?: string;
  scope?: string;
}

/**
 * A `WWW-Authenticate: Bearer ...` value. Values are fixed strings of ours, never client
 * input; quotes and backslashes are dropped anyway so a header can never be broken.
 */
export function bearerChallenge(params: ChallengeParams = {}): string {
  const quote = (v: string) => `"${v.replace(/["\\\r\n]/g, '')}"`;
  const parts = [`realm=${quote(REALM)}`];
  if (params.error) parts.push(`error=${quote(params.error)}`);
  if (params.description) parts.push(`error_description=${quote(params.description)}`);
  if (params.scope) parts.push(`scope=${quote(params.scope)}`);
  return `Bearer ${parts.join(', ')}`;
}
