import type { FrontDoor, ManagedInstancesConfig, StageConfig } from './stages';

/** Managed Instances capacity when `-c managedInstances=true` and the stage sets none. */
export const DEFAULT_MANAGED_INSTANCES: ManagedInstancesConfig = {
  // The Node.js runtime's default is 64 per vCPU; 32 leaves headroom for the app's per-request
  // memory on the smallest instance a 2 GB function gets. Set explicitly, never implied.
  perEnvironmentMaxConcurrency: 32,
  maxEnvironments: 10,
};

type Context = (key: string) => unknown;

function flag(context: Context, key: string): boolean | undefined {
  const value = context(key);
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context ${key} must be true or false, got "${String(value)}"`);
}

function text(context: Context, key: string, pattern: RegExp, what: string): string | undefined {
  const value = context(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value.trim())) {
    throw new Error(`Context ${key} must be ${what}, got "${String(value)}"`);
  }
  return value.trim();
}

const FRONT_DOORS: readonly FrontDoor[] = ['rest', 'http'];

/**
 * The stage with its deploy choices taken from CDK context, when given: `-c region=`,
 * `-c alarmEmail=`, `-c streaming=true|false`, `-c functionUrl=true|false`,
 * `-c frontDoor=rest|http`, `-c managedInstances=true|false`, `-c apiGatewayAccountRole=true`.
 * Context wins over the stage file.
 * Combinations that cannot work are refused here, naming the setting, before anything is built.
 */
export function withDeployContext(stage: StageConfig, context: Context): StageConfig {
  const region = text(context, 'region', /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region (eu-west-1)');
  const alarmEmail = text(context, 'alarmEmail', /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address');
  const frontDoor = context('frontDoor');
  if (frontDoor !== undefined && !FRONT_DOORS.includes(frontDoor as FrontDoor)) {
    throw new Error(
      `Context frontDoor must be one of ${FRONT_DOORS.join(', ')}, got "${String(frontDoor)}"`,
    );
  }
  const managed = flag(context, 'managedInstances');
  const next: StageConfig = {
    ...stage,
    ...(region === undefined ? {} : { region }),
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    streaming: flag(context, 'streaming') ?? stage.streaming,
    functionUrl: flag(context, 'functionUrl') ?? stage.functionUrl,
    apiGatewayAccountRole: flag(context, 'apiGatewayAccountRole') ?? stage.apiGatewayAccountRole,
    frontDoor: (frontDoor as FrontDoor | undefined) ?? stage.frontDoor,
    managedInstances:
      managed === undefined
        ? stage.managedInstances
        : managed
          ? (stage.managedInstances ?? DEFAULT_MANAGED_INSTANCES)
          : undefined,
  };
  checkStage(next);
  return next;
}

/** Refuses a stage whose settings cannot work together (also used for stages built in code). */
export function checkStage(stage: StageConfig): void {
  if (stage.requireAlarmEmail && stage.alarmEmail === undefined) {
    throw new Error(
      `Stage ${stage.name} needs an alarm destination: set alarmEmail in infra/lib/stages.ts or ` +
        'pass -c alarmEmail=oncall@example.com (alarms that notify no one are not monitoring)',
    );
  }
  if (stage.streaming && stage.frontDoor === 'http' && !stage.functionUrl) {
    throw new Error(
      'streaming=true needs a front door that streams: HTTP APIs cannot; use frontDoor=rest ' +
        'or add functionUrl=true',
    );
  }
  if (stage.managedInstances && stage.auth?.jwksUrl !== undefined) {
    throw new Error(
      "managedInstances=true runs the function in a VPC without internet egress: it cannot fetch an external issuer's JWKS (jwksUrl). Use the generated key, or add a NAT gateway to infra/lib/managed-instances.ts",
    );
  }
  if (stage.frontDoor === 'http' && stage.apiKey) {
    throw new Error('frontDoor=http has no API keys or usage plans: set apiKey: false or use rest');
  }
  if (stage.frontDoor === 'http' && stage.authorizer && stage.auth?.jwksUrl === undefined) {
    throw new Error(
      "frontDoor=http with authorizer: true uses the HTTP API's JWT authorizer, which needs an " +
        'external issuer: -c jwksUrl=... -c jwtIssuer=... -c jwtAudience=...',
    );
  }
  if (stage.frontDoor === 'http' && stage.authorizer && stage.auth?.audience === undefined) {
    throw new Error("the HTTP API's JWT authorizer checks an audience: pass -c jwtAudience=...");
  }
}
