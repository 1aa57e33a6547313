/**
 * Per-stage settings, chosen with `--context stage=<name>`. Everything a deploy varies lives
 * here; the stack reads nothing else.
 */
export interface StageConfig {
  name: string;
  /** Keep data (tables, logs) when the stack is deleted. */
  retainData: boolean;
  memoryMb: number;
  /** Lambda timeout; must exceed the app's DynamoDB budget and stay under API Gateway's 29 s. */
  timeoutSeconds: number;
  logRetentionDays: 7 | 14 | 30 | 90 | 365;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Stage throttling: steady requests/s and burst. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Browser origins allowed to call the API (CORS allow-list). */
  corsOrigins: string[];
  provisionedConcurrency?: number;
  /** Ping the function every 5 minutes so one container stays warm. */
  warmup: boolean;
  /** Shift traffic to a new version 10% for 5 minutes, rolling back on the alarms. */
  canary: boolean;
  /** Require an API key (usage plan with the throttle above). */
  apiKey: boolean;
  /** AWS WAF web ACL: per-IP rate rule (requests per 5 minutes) + AWS managed common rules. */
  waf?: { ratePer5MinutesPerIp: number };
  /** Where alarm notifications go (an e-mail subscription), if anywhere. */
  alarmEmail?: string;
}

export const STAGES: Record<string, StageConfig> = {
  dev: {
    name: 'dev',
    retainData: false,
    memoryMb: 1024,
    timeoutSeconds: 15,
    logRetentionDays: 7,
    logLevel: 'debug',
    throttle: { rateLimit: 50, burstLimit: 100 },
    corsOrigins: ['http://localhost:5173'],
    warmup: false,
    canary: false,
    apiKey: false,
  },
  prod: {
    name: 'prod',
    retainData: true,
    memoryMb: 1024,
    timeoutSeconds: 15,
    logRetentionDays: 90,
    logLevel: 'info',
    throttle: { rateLimit: 500, burstLimit: 1000 },
    corsOrigins: ['https://app.example.com'],
    provisionedConcurrency: 1,
    warmup: false,
    canary: true,
    apiKey: false,
    waf: { ratePer5MinutesPerIp: 2000 },
  },
};

export function stageConfig(name: string | undefined): StageConfig {
  const stage = STAGES[name ?? 'dev'];
  if (!stage) {
    throw new Error(`Unknown stage "${name}"; use one of: ${Object.keys(STAGES).join(', ')}`);
  }
  return stage;
}
