import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import {
  Alias,
  Architecture,
  Code,
  FunctionUrlAuthType,
  HttpMethod,
  InvokeMode,
  Function as LambdaFn,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CORS_RULES } from '../../app/http/cors-rules';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { MANAGED_INSTANCES_MIN_MEMORY_MB, ManagedInstances } from './managed-instances';
import { STREAMING_TIMEOUT_SECONDS, type StageConfig } from './stages';
import type { Tables } from './tables';
import type { TokenKeys } from './token-keys';

export interface ApiFunctionProps {
  stage: StageConfig;
  tables: Tables;
  cursorSecret: ISecret;
  /** Bearer-token settings: JWT_SECRET_ID (generated key) or JWKS_URL, JWT_ISSUER, ... */
  tokenKeys: TokenKeys;
  /** Directory holding the bundle `npm run build` wrote (dist/): the file the tests exercised. */
  codeDirectory: string;
}

/** The alias every front door invokes; CloudWatch names it in the `Resource` dimension. */
export const ALIAS_NAME = 'live';

/**
 * The Lambda function serving the API: the very bundle `npm run build` produces (AWS SDK
 * inside), Node.js 24 on arm64, with an alias that the front doors invoke (provisioned
 * concurrency, canary deployments and warm-up pings all target the alias). Its handler is
 * `lambda.handler`, or `lambda.streamHandler` when the stage streams.
 */
export class ApiFunction extends Construct {
  readonly fn: LambdaFn;
  readonly alias: Alias;
  readonly logGroup: LogGroup;
  readonly functionUrl?: FunctionUrl;
  /** The memory the function really gets (Managed Instances need at least 2 GB). */
  readonly memoryMb: number;
  /** The VPC and capacity provider, when the stage runs on Lambda Managed Instances. */
  readonly managedInstances?: ManagedInstances;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { stage, tables } = props;
    const managed = stage.managedInstances;
    this.memoryMb = managed
      ? Math.max(stage.memoryMb, MANAGED_INSTANCES_MIN_MEMORY_MB)
      : stage.memoryMb;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: stage.logRetentionDays,
      removalPolicy: stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // Its own role, without the AWS managed basic execution policy (logs on `*`): it may
    // write to its own log group only (granted below).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `express-lambda-api (${stage.name}) function`,
    });

    this.fn = new LambdaFn(this, 'Handler', {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: stage.streaming ? 'lambda.streamHandler' : 'lambda.handler',
      role,
      // On Managed Instances the capacity provider bounds concurrency (environments x
      // invocations each); reserved concurrency belongs to the on-demand model.
      reservedConcurrentExecutions: managed ? undefined : stage.reservedConcurrency,
      // dist/ also holds the gateway authorizer's bundle (authorizer.ts): not part of this
      // function, so that changing it publishes no new version here.
      code: Code.fromAsset(props.codeDirectory, {
        exclude: ['*.meta.json', 'meta.json', 'authorizer.js', 'authorizer.js.map'],
      }),
      memorySize: this.memoryMb,
      timeout: Duration.seconds(stage.streaming ? STREAMING_TIMEOUT_SECONDS : stage.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Secrets Manager values (the cursor key, the token key) are read once per container, on
      // the first invocation, with the SDK through @aws-lambda-powertools/parameters
      // (app/config/secrets.ts): no Parameters and Secrets extension layer.
      environment: {
        NODE_ENV: 'production',
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: stage.logLevel,
        STORAGE: 'aws',
        TABLE_NAME: tables.items.tableName,
        RATE_LIMIT_TABLE_NAME: tables.rateLimits.tableName,
        IDEMPOTENCY_TABLE_NAME: tables.idempotency.tableName,
        ...tables.resourceEnvironment,
        LAMBDA_TIMEOUT_S: String(stage.timeoutSeconds),
        CORS_ORIGINS: stage.corsOrigins.join(','),
        // A reference to the secret, never its value.
        CURSOR_SECRET_ID: props.cursorSecret.secretArn,
        // JWT_SECRET_ID (an ARN) or JWKS_URL, JWT_ISSUER, optionally JWT_AUDIENCE, JWT_SCOPE_PREFIX.
        ...props.tokenKeys.environment,
      },
      description: `express-lambda-api (${stage.name})`,
      // The alias's version on Managed Instances: at most this many execution environments.
      currentVersionOptions: managed
        ? { maxExecutionEnvironments: managed.maxEnvironments }
        : undefined,
    });

    if (managed) {
      this.managedInstances = new ManagedInstances(this, 'ManagedInstances', { stage });
      this.managedInstances.addFunction(this.fn, managed);
    }

    // Least privilege: grants on this stack's own resources only.
    this.logGroup.grantWrite(role);
    tables.grantUsedActions(this.fn);
    props.cursorSecret.grantRead(this.fn);
    props.tokenKeys.grantRead(this.fn);

    this.alias = new Alias(this, 'Live', {
      aliasName: ALIAS_NAME,
      version: this.fn.currentVersion,
      // Managed Instances keep execution environments running already (3 at least).
      provisionedConcurrentExecutions: managed ? undefined : stage.provisionedConcurrency,
    });

    if (stage.functionUrl) {
      // IAM auth: a caller signs with SigV4 (CloudFront with origin access control, another
      // AWS service, a signed client). A public URL would bypass the stage's throttling and
      // WAF; the README says how to open it deliberately.
      this.functionUrl = this.alias.addFunctionUrl({
        authType: FunctionUrlAuthType.AWS_IAM,
        invokeMode: stage.streaming ? InvokeMode.RESPONSE_STREAM : InvokeMode.BUFFERED,
        cors: {
          allowedOrigins: stage.corsOrigins,
          allowedMethods: CORS_RULES.methods.map((m) => HttpMethod[m]),
          allowedHeaders: [...CORS_RULES.allowedHeaders],
          exposedHeaders: [...CORS_RULES.exposedHeaders],
          maxAge: Duration.seconds(CORS_RULES.maxAgeSeconds),
        },
      });
    }

    if (stage.warmup) {
      new Rule(this, 'Warmup', {
        description: 'Keeps one container warm; answered without entering Express.',
        schedule: Schedule.rate(Duration.minutes(5)),
        targets: [
          new LambdaFunction(this.alias, { event: RuleTargetInput.fromObject({ warmer: true }) }),
        ],
      });
    }
  }

  /**
   * Canary deployments: 10% of traffic for 5 minutes, rolled back if any of `rollbackAlarms`
   * fires. They are the signals of the new version (Monitoring builds them on the
   * `ExecutedVersion` dimension); the service-wide alarms only notify.
   */
  addCanary(rollbackAlarms: IAlarm[]): LambdaDeploymentGroup {
    return new LambdaDeploymentGroup(this, 'Deployment', {
      alias: this.alias,
      deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: rollbackAlarms,
    });
  }
}
