/**
 * Runs an operation at most once per key (port; powertools-idempotency-guard.ts beside it is the
 * DynamoDB adapter). A repeat with the same key and the same request returns the first
 * result; with a different request it throws IdempotencyKeyReusedError; while the first is
 * still running it throws IdempotencyInProgressError (app/core/errors.ts).
 */
export interface IdempotencyGuard {
  run<T extends object>(key: string, request: unknown, operation: () => Promise<T>): Promise<T>;
}
