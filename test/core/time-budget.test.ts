import { ConfigError, loadConfig } from '../../app/config';
import { API_GATEWAY_TIMEOUT_MS, timeBudget } from '../../app/core/time-budget';

function budgetOf(env: Record<string, string>) {
  const c = loadConfig(env);
  return timeBudget({
    connectTimeoutMs: c.storage.connectTimeoutMs,
    timeoutMs: c.storage.timeoutMs,
    maxAttempts: c.storage.maxAttempts,
    lambdaTimeoutS: c.lambdaTimeoutS,
  });
}

describe('time budget', () => {
  it('orders the defaults: DynamoDB worst case < Lambda timeout < API Gateway 29 s', () => {
    const b = budgetOf({});
    expect(b.storeWorstCaseMs + b.marginMs).toBeLessThanOrEqual(b.lambdaTimeoutMs);
    expect(b.lambdaTimeoutMs).toBeLessThan(API_GATEWAY_TIMEOUT_MS);
    // 3 attempts x (1 s connect + 2 s request) + back-off before retries 1 and 2 (1 s + 2 s)
    expect(b.storeWorstCaseMs).toBe(12_000);
    expect(b.lambdaTimeoutMs).toBe(15_000);
  });

  it('refuses a store budget that does not fit inside the Lambda timeout, naming the variable', () => {
    expect(() => loadConfig({ DYNAMODB_TIMEOUT_MS: '9000' })).toThrow(ConfigError);
    expect(() => loadConfig({ DYNAMODB_TIMEOUT_MS: '9000' })).toThrow(/LAMBDA_TIMEOUT_S/);
    expect(() => loadConfig({ LAMBDA_TIMEOUT_S: '29' })).toThrow(/LAMBDA_TIMEOUT_S/);
    expect(() => loadConfig({ LAMBDA_TIMEOUT_S: '5' })).toThrow(/DYNAMODB_TIMEOUT_MS/);
  });

  it('accepts a tighter store budget with a shorter Lambda timeout', () => {
    const b = budgetOf({
      DYNAMODB_TIMEOUT_MS: '500',
      DYNAMODB_MAX_ATTEMPTS: '2',
      LAMBDA_TIMEOUT_S: '6',
    });
    expect(b.fits).toBe(true);
    expect(b.storeWorstCaseMs).toBe(2 * 1500 + 1000);
  });
});
