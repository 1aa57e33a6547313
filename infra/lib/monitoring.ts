import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { LambdaRestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Alias } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageConfig } from './stages';

export interface MonitoringProps {
  stage: StageConfig;
  alias: Alias;
  functionLogs: ILogGroup;
  api: LambdaRestApi;
  tables: Table[];
}

const NAMESPACE = 'ExpressLambdaApi';
const FIVE_MINUTES = Duration.minutes(5);

/** Alarms to an SNS topic, and a dashboard of the function and the API. */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { alias, api, stage } = props;

    // A customer-managed key: CloudWatch alarms cannot publish to a topic encrypted with the
    // AWS-managed SNS key, which grants no other service the right to use it.
    const key = new Key(this, 'AlarmTopicKey', {
      description: `express-lambda-api ${stage.name}: alarm topic encryption`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy, "*" means this key
      }),
    );
    this.topic = new Topic(this, 'Alarms', {
      displayName: `express-lambda-api ${stage.name} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (stage.alarmEmail) this.topic.addSubscription(new EmailSubscription(stage.alarmEmail));

    const alarm = (name: string, metric: IMetric, threshold: number, periods = 1) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `express-lambda-api ${stage.name}: ${name}`,
      });
      a.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };

    alarm('LambdaErrors', alias.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 5);
    alarm('LambdaThrottles', alias.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1);
    alarm(
      'Api5xxRate',
      new MathExpression({
        label: '5xx % of requests',
        expression: '100 * errors / MAX([requests, 1])',
        usingMetrics: {
          errors: api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
      }),
      1,
    );
    alarm('ApiLatencyP99', api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }), 2000, 3);
    props.tables.forEach((table, i) => {
      alarm(
        `DynamoDbThrottles${i}`,
        table.metricThrottledRequestsForOperations({
          operations: [
            Operation.GET_ITEM,
            Operation.PUT_ITEM,
            Operation.UPDATE_ITEM,
            Operation.DELETE_ITEM,
            Operation.QUERY,
          ],
          period: FIVE_MINUTES,
        }),
        1,
      );
    });

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

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `express-lambda-api-${stage.name}`,
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
        right: [memory],
      }),
    );
  }
}
