/**
 * The error for bad options or an unusable server (unreachable, refusing the token, already
 * rate limited): scripts/load.ts prints its message and exits with status 2.
 */
export class UsageError extends Error {}
