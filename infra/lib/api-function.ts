import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IAlarm,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import {
  Alias,
  Architecture,
  Code,
  Function as LambdaFn,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageConfig } from './stages';
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

/**
 * The Lambda function serving the API: the very bundle `npm run build` produces (AWS SDK
 * inside), Node.js 22 on arm64, with an alias that API Gateway invokes (provisioned
 * concurrency, canary deployments and warm-up pings all target the alias).
 */
export class ApiFunction extends Construct {
  readonly fn: LambdaFn;
  readonly alias: Alias;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { stage, tables } = props;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: stage.logRetentionDays,
      removalPolicy: stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.fn = new LambdaFn(this, 'Handler', {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'lambda.handler',
      // dist/ also holds the gateway authorizer's bundle (authorizer.ts): not part of this
      // function, so that changing it publishes no new version here.
      code: Code.fromAsset(props.codeDirectory, {
        exclude: ['*.meta.json', 'meta.json', 'authorizer.js', 'authorizer.js.map'],
      }),
      memorySize: stage.memoryMb,
      timeout: Duration.seconds(stage.timeoutSeconds),
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
        LAMBDA_TIMEOUT_S: String(stage.timeoutSeconds),
        CORS_ORIGINS: stage.corsOrigins.join(','),
        // A reference to the secret, never its value.
        CURSOR_SECRET_ID: props.cursorSecret.secretArn,
        // JWT_SECRET_ID (an ARN) or JWKS_URL, JWT_ISSUER, optionally JWT_AUDIENCE, JWT_SCOPE_PREFIX.
        ...props.tokenKeys.environment,
      },
      description: `express-lambda-api (${stage.name})`,
    });

    // Least privilege: grants on this stack's own resources only.
    tables.items.grantReadWriteData(this.fn);
    tables.rateLimits.grantReadWriteData(this.fn);
    tables.idempotency.grantReadWriteData(this.fn);
    props.cursorSecret.grantRead(this.fn);
    props.tokenKeys.grantRead(this.fn);

    this.alias = new Alias(this, 'Live', {
      aliasName: 'live',
      version: this.fn.currentVersion,
      provisionedConcurrentExecutions: stage.provisionedConcurrency,
    });

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
   * Canary deployments: 10% of traffic for 5 minutes, rolled back if any alarm fires. Besides
   * the service alarms, one watches the new version alone at one-minute resolution, so a bad
   * version is caught within the 5-minute window even while 90% of traffic is healthy.
   */
  addCanary(alarms: IAlarm[]): LambdaDeploymentGroup {
    const newVersionErrors = new Alarm(this, 'NewVersionErrors', {
      metric: this.fn.currentVersion.metricErrors({
        period: Duration.minutes(1),
        statistic: 'Sum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: 'Errors from the version being deployed (canary rollback)',
    });
    return new LambdaDeploymentGroup(this, 'Deployment', {
      alias: this.alias,
      deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: [newVersionErrors, ...alarms],
    });
  }
}
