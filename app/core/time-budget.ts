/**
 * The request time budget, outermost first: API Gateway gives up at 29 s, so the Lambda
 * timeout must be shorter, and the DynamoDB client (timeouts x attempts + back-off) shorter
 * still — so a slow store becomes a 504 problem from the app, never a Lambda timeout or an
 * API Gateway 504 with no body.
 */
export const API_GATEWAY_TIMEOUT_MS = 29_000;

/** Head-room for everything that is not a DynamoDB call (routing, validation, serialising). */
export const NON_STORE_MARGIN_MS = 1_000;

/**
 * The SDK's standard retry strategy waits at most `min(20 s, base * 2^attempt)` before a
 * retry; throttling errors use the larger base of 500 ms. Counted at its maximum.
 */
const RETRY_BASE_MS = 500;
const RETRY_CAP_MS = 20_000;

export interface BudgetInput {
  connectTimeoutMs: number;
  timeoutMs: number;
  maxAttempts: number;
  lambdaTimeoutS: number;
}

export interface TimeBudget {
  storeWorstCaseMs: number;
  lambdaTimeoutMs: number;
  apiGatewayTimeoutMs: number;
  marginMs: number;
  fits: boolean;
}

export function timeBudget(input: BudgetInput): TimeBudget {
  let backoffMs = 0;
  for (let retry = 1; retry < input.maxAttempts; retry++) {
    backoffMs += Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** retry);
  }
  const storeWorstCaseMs =
    input.maxAttempts * (input.connectTimeoutMs + input.timeoutMs) + backoffMs;
  const lambdaTimeoutMs = input.lambdaTimeoutS * 1000;
  return {
    storeWorstCaseMs,
    lambdaTimeoutMs,
    apiGatewayTimeoutMs: API_GATEWAY_TIMEOUT_MS,
    marginMs: NON_STORE_MARGIN_MS,
    fits:
      storeWorstCaseMs + NON_STORE_MARGIN_MS <= lambdaTimeoutMs &&
      lambdaTimeoutMs < API_GATEWAY_TIMEOUT_MS,
  };
}
