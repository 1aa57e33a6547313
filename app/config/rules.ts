import { timeBudget } from '../core/time-budget';
import { authRules } from './auth';
import type { Report } from './fields';
import type { ApiEnv } from './schema';

/**
 * The API's cross-field rules: what no single variable's type can say. Each reports the
 * variable to fix; all problems are reported together (fields.ts `parseEnv`).
 */

/** Node refuses a server whose headers may take longer than the whole request. */
function serverRules(env: ApiEnv, report: Report): void {
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    report('HTTP_HEADERS_TIMEOUT_MS', 'must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
}

function storageRules(env: ApiEnv, report: Report): void {
  if (env.STORAGE === 'endpoint' && !env.DYNAMODB_ENDPOINT) {
    report('DYNAMODB_ENDPOINT', 'is required when STORAGE=endpoint');
  }
}

/** The store's worst case must fit in the Lambda timeout, which must fit in API Gateway's. */
function timeBudgetRules(env: ApiEnv, report: Report): void {
  const budget = timeBudget({
    connectTimeoutMs: env.DYNAMODB_CONNECT_TIMEOUT_MS,
    timeoutMs: env.DYNAMODB_TIMEOUT_MS,
    maxAttempts: env.DYNAMODB_MAX_ATTEMPTS,
    lambdaTimeoutS: env.LAMBDA_TIMEOUT_S,
  });
  if (budget.fits) return;
  report(
    'LAMBDA_TIMEOUT_S',
    `must exceed the worst-case DynamoDB time (${budget.storeWorstCaseMs} ms from ` +
      `DYNAMODB_CONNECT_TIMEOUT_MS, DYNAMODB_TIMEOUT_MS, DYNAMODB_MAX_ATTEMPTS) plus ` +
      `${budget.marginMs} ms, and stay under API Gateway's ${budget.apiGatewayTimeoutMs} ms`,
  );
}

function cursorKeyRules(env: ApiEnv, report: Report): void {
  if (env.NODE_ENV === 'production' && !env.CURSOR_SECRET && !env.CURSOR_SECRET_ID) {
    report(
      'CURSOR_SECRET',
      'or CURSOR_SECRET_ID is required in production (a key of at least 32 characters)',
    );
  }
}

export const apiRules = [serverRules, storageRules, timeBudgetRules, authRules, cursorKeyRules];
