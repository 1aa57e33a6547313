import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  type IMetric,
  type MetricOptions,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Alias, IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { acknowledgeGuardRule } from './guard-rules';
import type { StageConfig } from './stages';

/** The API metrics both front doors publish (REST: ApiName; HTTP API: ApiId). */
export interface ApiMetrics {
  metricCount(props?: MetricOptions): IMetric;
  metricClientError(props?: MetricOptions): IMetric;
  metricServerError(props?: MetricOptions): IMetric;
  metricLatency(props?: MetricOptions): IMetric;
  metricIntegrationLatency(props?: MetricOptions): IMetric;
}

export interface MonitoringProps {
  stage: StageConfig;
  alias: Alias;
  /** The function's memory (its share used is charted). */
  memoryMb: number;
  functionLogs: ILogGroup;
  api: ApiMetrics;
  tables: Table[];
  /** The gateway authorizer's function, when the stage has one. */
  authorizer?: IFunction;
  /** The WAF web ACL's name (its metrics' `WebACL` dimension), when the stage has one. */
  webAclName?: string;
}

const NAMESPACE = 'ExpressLambdaApi';
const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);
/** Rates (5XX, 4XX) below this many requests in a period are noise, not a signal. */
export const MIN_REQUESTS_FOR_RATE = 20;

/**
 * Alarms to an SNS topic (alarm and OK notifications), and a dashboard of the function and
 * the API. Two kinds of alarm:
 * - `rollbackAlarms`: the signals that belong to a version being deployed (its own errors and
 *   p99 duration, on the `ExecutedVersion` dimension, and the API's 5XX rate); a canary
 *   deployment rolls back when one fires.
 * - `alarms`: everything, rollback alarms included; the rest only notify.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly rollbackAlarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { alias, api, stage } = props;
    const region = Stack.of(this).region;

    this.topic = this.alarmTopic(stage);
    const action = new SnsAction(this.topic);

    const alarm = (
      name: string,
      metric: IMetric,
      threshold: number,
      { periods = 1, rollback = false, notify = true, description = name } = {},
    ) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `express-lambda-api ${stage.name}: ${description}`,
      });
      if (notify) {
        a.addAlarmAction(action);
        a.addOkAction(action);
      } else {
        acknowledgeGuardRule(
          a,
          'cloudwatch_alarm_action_check',
          'Its action is the canary rollback: the CodeDeploy deployment group watches this alarm (ApiFunction.addCanary).',
        );
      }
      this.alarms.push(a);
      if (rollback) this.rollbackAlarms.push(a);
      return a;
    };

    // The version being deployed, as CloudWatch publishes it for traffic through the alias:
    // {FunctionName, Resource=<fn>:<alias>, ExecutedVersion=<n>}. (A Version's own metric()
    // names `<fn>:<n>` in Resource, a series Lambda never publishes for alias traffic.)
    const version = alias.version;
    const newVersion = (metricName: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/Lambda',
        metricName,
        statistic,
        period: ONE_MINUTE,
        dimensionsMap: {
          FunctionName: version.lambda.functionName,
          Resource: `${version.lambda.functionName}:${alias.aliasName}`,
          ExecutedVersion: version.version,
        },
      });
    const timeoutMs = stage.timeoutSeconds * 1000;
    if (stage.canary) {
      // Only a canary has a "new version" to judge apart from the rest of the traffic. These
      // two roll the deployment back and notify no one: after the deployment the new version
      // is all the traffic, which LambdaErrors and DurationP99 watch at a sustainable level.
      alarm('NewVersionErrors', newVersion('Errors', 'Sum'), 1, {
        rollback: true,
        notify: false,
        description: 'errors from the version being deployed (canary rollback)',
      });
      alarm('NewVersionDurationP99', newVersion('Duration', 'p99'), timeoutMs / 2, {
        periods: 2,
        rollback: true,
        notify: false,
        description: `p99 duration of the version being deployed over half the timeout (${timeoutMs / 2} ms)`,
      });
    }
    alarm('Api5xxRate', this.rate(api.metricServerError.bind(api), api, ONE_MINUTE), 5, {
      periods: 2,
      rollback: true,
      description: `API 5XX over 5% of requests (when ${MIN_REQUESTS_FOR_RATE}+ requests a minute)`,
    });

    alarm('LambdaErrors', alias.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 5);
    alarm(
      'DurationP99',
      alias.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
      timeoutMs * 0.8,
      { description: `p99 duration over 80% of the ${stage.timeoutSeconds} s timeout` },
    );
    alarm('LambdaThrottles', alias.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1);
    if (stage.provisionedConcurrency !== undefined && stage.managedInstances === undefined) {
      // A share, not a count: with a small provisioned pool some spillover is normal.
      alarm(
        'ProvisionedConcurrencySpillover',
        new MathExpression({
          label: 'spillover, % of invocations',
          expression: `IF(invocations >= ${MIN_REQUESTS_FOR_RATE}, 100 * spillover / invocations, 0)`,
          usingMetrics: {
            spillover: alias.metric('ProvisionedConcurrencySpilloverInvocations', {
              period: FIVE_MINUTES,
              statistic: 'Sum',
            }),
            invocations: alias.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' }),
          },
          period: FIVE_MINUTES,
        }),
        25,
        {
          periods: 3,
          description: 'over 25% of invocations beyond provisioned concurrency (cold starts)',
        },
      );
    }
    alarm('Api4xxRate', this.rate(api.metricClientError.bind(api), api, FIVE_MINUTES), 25, {
      description: `API 4XX over 25% of requests (when ${MIN_REQUESTS_FOR_RATE}+ requests)`,
    });
    alarm('ApiLatencyP99', api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }), 2000, {
      periods: 3,
    });
    alarm(
      'IntegrationLatencyP99',
      api.metricIntegrationLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
      2000,
      { periods: 3 },
    );
    const operations = [
      Operation.GET_ITEM,
      Operation.PUT_ITEM,
      Operation.UPDATE_ITEM,
      Operation.DELETE_ITEM,
      Operation.QUERY,
    ];
    props.tables.forEach((table, i) => {
      alarm(
        `DynamoDbThrottles${i}`,
        table.metricThrottledRequestsForOperations({ operations, period: FIVE_MINUTES }),
        1,
      );
      alarm(
        `DynamoDbSystemErrors${i}`,
        table.metricSystemErrorsForOperations({ operations, period: FIVE_MINUTES }),
        1,
      );
    });
    if (props.authorizer) {
      alarm(
        'AuthorizerErrors',
        props.authorizer.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
      );
    }
    if (props.webAclName !== undefined) {
      alarm(
        'WafBlocks',
        new Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          statistic: 'Sum',
          period: FIVE_MINUTES,
          dimensionsMap: { WebACL: props.webAclName, Region: region, Rule: 'ALL' },
        }),
        100,
        { description: 'WAF blocked 100+ requests in 5 minutes (an attack, or a rule too eager)' },
      );
    }

    // Max memory used, from the platform.report record of each invocation (JSON log format).
    new MetricFilter(this, 'MaxMemoryUsed', {
      logGroup: props.functionLogs,
      filterPattern: FilterPattern.stringValue('$.type', '=', 'platform.report'),
      metricNamespace: NAMESPACE,
      metricName: `MaxMemoryUsedMB-${stage.name}`,
      metricValue: '$.record.metrics.maxMemoryUsedMB',
    });
    const memory = new Metric({
      namespace: NAMESPACE,
      metricName: `MaxMemoryUsedMB-${stage.name}`,
      statistic: 'Maximum',
      period: FIVE_MINUTES,
    });
    const memoryUtilisation = new MathExpression({
      label: 'memory used, % of configured',
      expression: `100 * memory / ${props.memoryMb}`,
      usingMetrics: { memory },
      period: FIVE_MINUTES,
    });

    // Dashboard names are account-wide across regions.
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `express-lambda-api-${stage.name}-${stage.region}`,
    });
    const duration = (statistic: string) =>
      alias.metricDuration({ statistic, period: FIVE_MINUTES, label: `duration ${statistic}` });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Invocations and errors',
        left: [
          alias.metricInvocations({ period: FIVE_MINUTES }),
          alias.metricErrors({ period: FIVE_MINUTES }),
        ],
      }),
      new GraphWidget({
        title: 'Duration p50 / p90 / p99 (ms)',
        left: [duration('p50'), duration('p90'), duration('p99')],
      }),
      new GraphWidget({
        title: 'API latency p50 / p90 / p99 (ms)',
        left: ['p50', 'p90', 'p99'].map((statistic) =>
          api.metricLatency({ statistic, period: FIVE_MINUTES, label: `latency ${statistic}` }),
        ),
      }),
      new GraphWidget({
        title: 'Throttles',
        left: [
          alias.metricThrottles({ period: FIVE_MINUTES }),
          ...props.tables.flatMap((t) =>
            ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) =>
              t.metric(name, { statistic: 'Sum', period: FIVE_MINUTES }),
            ),
          ),
        ],
      }),
      new GraphWidget({
        title: 'Concurrency and memory',
        left: [
          alias.metric('ConcurrentExecutions', { statistic: 'Maximum', period: FIVE_MINUTES }),
        ],
        right: [memory, memoryUtilisation],
      }),
    );
  }

  /**
   * `part` as a percentage of all requests, 0 while there are fewer than
   * MIN_REQUESTS_FOR_RATE requests in the period: one 5XX at 3 a.m. is not an outage.
   */
  private rate(
    part: (props: MetricOptions) => IMetric,
    api: ApiMetrics,
    period: Duration,
  ): MathExpression {
    return new MathExpression({
      label: 'share of requests (%)',
      expression: `IF(requests >= ${MIN_REQUESTS_FOR_RATE}, 100 * part / requests, 0)`,
      usingMetrics: {
        part: part({ period, statistic: 'Sum' }),
        requests: api.metricCount({ period, statistic: 'Sum' }),
      },
      period,
    });
  }

  /**
   * The alarm topic: encrypted with a customer-managed key (CloudWatch cannot use the AWS-managed
   * SNS key), TLS only, and a topic policy that lets CloudWatch alarms of this account publish.
   * `enforceSSL` makes CDK write a topic policy, which replaces SNS's default one: without the
   * explicit allow, no alarm could ever publish.
   */
  private alarmTopic(stage: StageConfig): Topic {
    const cloudwatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const { account, region } = Stack.of(this);
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: {
        'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${region}:${account}:alarm:*`,
      },
    };
    const key = new Key(this, 'AlarmTopicKey', {
      description: `express-lambda-api ${stage.name}: alarm topic encryption`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, "*" means this key
        conditions: fromOurAlarms,
      }),
    );
    // Grants on this key only for AWS services acting for AWS resources, never for a person
    // or a role of the account directly (Control Tower CT.KMS.PR.3).
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'GrantsOnlyForAwsResources',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          BoolIfExists: {
            'kms:GrantIsForAWSResource': 'false',
            'aws:PrincipalIsAWSService': 'false',
          },
        },
      }),
    );
    const topic = new Topic(this, 'Alarms', {
      displayName: `express-lambda-api ${stage.name} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    if (stage.alarmEmail) topic.addSubscription(new EmailSubscription(stage.alarmEmail));
    return topic;
  }
}
