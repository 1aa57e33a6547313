import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AttributeType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { IdempotencyTable } from '../../app/idempotency/idempotency-table';
import { ItemsTable } from '../../app/items/items-table';
import { RateLimitTable } from '../../app/rate-limit/rate-limit-table';
import { RESOURCES } from '../../app/resources/registry';
import { ResourceTable } from '../../app/resources/resource-table';
import {
  acknowledgeGuardRule,
  guardValidator,
  DISABLED_GUARD_RULES,
} from '../../infra/lib/guard-rules';
import { ACCESS_LOG_FIELDS } from '../../infra/lib/access-log-fields';
import { TLS_POLICY } from '../../infra/lib/rest-api';
import { DEFAULT_MANAGED_INSTANCES } from '../../infra/lib/deploy-context';
import { STREAMING_TIMEOUT_SECONDS, stageConfig, type StageConfig } from '../../infra/lib/stages';
import {
  ALARM_EMAIL,
  actionsOf,
  allStatements,
  synthNamed,
  synthStage,
  synthWithGuardRules,
  type Statement,
  type Synthesized,
} from '../support/cdk-synth';

const withEmail = (name: string, changes: Partial<StageConfig> = {}): StageConfig => ({
  ...stageConfig(name),
  alarmEmail: ALARM_EMAIL,
  ...changes,
});
/** Every front door and capacity choice, on the stage it is most likely deployed to. */
const VARIANT_STAGES: Record<string, StageConfig> = {
  dev: withEmail('dev'),
  prod: withEmail('prod'),
  streaming: withEmail('dev', { streaming: true }),
  'function URL, streaming': withEmail('prod', { functionUrl: true, streaming: true }),
  'HTTP API': withEmail('prod', { frontDoor: 'http' }),
  'managed instances': withEmail('prod', { managedInstances: DEFAULT_MANAGED_INSTANCES }),
  'gateway authorizer': withEmail('dev', { authorizer: true }),
};
const variants: Record<string, Synthesized> = Object.fromEntries(
  Object.entries(VARIANT_STAGES).map(([name, stage]) => [
    name,
    synthStage(`Variant-${name.replace(/\W/g, '')}`, stage),
  ]),
);
const dev = variants.dev as Synthesized;
const prod = variants.prod as Synthesized;

const USED_ACTIONS = new Set(
  [ItemsTable, RateLimitTable, IdempotencyTable, ResourceTable].flatMap((t) =>
    [...t.tableActions, ...t.indexActions].map((a) => `dynamodb:${a}`),
  ),
);

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

function resources(s: Synthesized, type: string): [string, Resource][] {
  return Object.entries(s.template.findResources(type)) as [string, Resource][];
}

describe('least privilege', () => {
  it.each(Object.entries(variants))(
    'grants only the DynamoDB actions the code sends (%s)',
    (_name, s) => {
      const dynamo = allStatements(s.template)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('dynamodb:'));
      expect(dynamo.length).toBeGreaterThan(0);
      expect([...new Set(dynamo)].filter((a) => !USED_ACTIONS.has(a))).toEqual([]);
    },
  );

  it('grants each table its own actions, and Query on the two named indexes only', () => {
    const dynamo = allStatements(dev.template).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );
    const tableId = (prefix: string) =>
      Object.keys(dev.template.findResources('AWS::DynamoDB::Table')).find((k) =>
        k.startsWith(`Tables${prefix}`),
      );
    const actionsOn = (prefix: string) =>
      dynamo
        .filter(
          (s) =>
            JSON.stringify(s.Resource) ===
            JSON.stringify({ 'Fn::GetAtt': [tableId(prefix), 'Arn'] }),
        )
        .flatMap(actionsOf)
        .map((a) => a.replace('dynamodb:', ''))
        .sort();
    expect(actionsOn('Items')).toEqual([...ItemsTable.tableActions].sort());
    expect(actionsOn('RateLimits')).toEqual([...RateLimitTable.tableActions].sort());
    expect(actionsOn('Idempotency')).toEqual([...IdempotencyTable.tableActions].sort());
    const query = dynamo.filter((s) => actionsOf(s).includes('dynamodb:Query'));
    const onItems = query.filter((s) =>
      JSON.stringify(s.Resource).includes(`"${tableId('Items')}"`),
    );
    expect(onItems).toHaveLength(1);
    const indexes = JSON.stringify(onItems[0]?.Resource);
    expect(indexes).toContain(`/index/${ItemsTable.byCreatedIndex}`);
    expect(indexes).toContain(`/index/${ItemsTable.byStatusIndex}`);
    // Each generated resource: Query on its one list index, nowhere else.
    expect(query).toHaveLength(1 + RESOURCES.length);
    for (const s of query) expect(JSON.stringify(s.Resource)).not.toContain('index/*');
  });

  it.each(Object.entries(variants))(
    'gives functions their own log group, not the managed policy on logs:* (%s)',
    (_name, s) => {
      for (const [id, role] of resources(s, 'AWS::IAM::Role')) {
        const assumed = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
        if (!assumed.includes('lambda.amazonaws.com') || id.includes('OperatorRole')) continue;
        // CDK's own helper functions (log retention, custom resources) aside: ours only.
        if (!/^(Function|Authorizer)/.test(id)) continue;
        expect({ id, managed: role.Properties.ManagedPolicyArns }).toEqual({
          id,
          managed: undefined,
        });
      }
      const logs = allStatements(s.template).filter((st) =>
        actionsOf(st).some((a) => a.startsWith('logs:')),
      );
      for (const st of logs) {
        expect(JSON.stringify(st.Resource)).toMatch(/"Fn::GetAtt":\["(Function|Authorizer)\w*Logs/);
      }
    },
  );

  it.each(Object.entries(variants))(
    'limits KMS grants to AWS resources and service principals to this account (%s)',
    (_name, s) => {
      for (const [, key] of resources(s, 'AWS::KMS::Key')) {
        const statements = (key.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
        expect(statements).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Action: 'kms:CreateGrant',
            Condition: {
              BoolIfExists: {
                'kms:GrantIsForAWSResource': 'false',
                'aws:PrincipalIsAWSService': 'false',
              },
            },
          }),
        );
        for (const st of statements as (Statement & { Principal?: { Service?: string } })[]) {
          if (st.Principal?.Service === undefined) continue;
          expect(JSON.stringify(st.Condition)).toContain('aws:SourceAccount');
        }
      }
    },
  );
});

describe('API Gateway hardening', () => {
  it('logs what triage needs in every access line', () => {
    const [, stage] = resources(prod, 'AWS::ApiGateway::Stage')[0] as [string, Resource];
    const format = JSON.parse(
      (stage.Properties.AccessLogSetting as { Format: string }).Format,
    ) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    for (const field of [
      '$context.integrationLatency',
      '$context.responseLatency',
      '$context.error.message',
      '$context.error.responseType',
      '$context.wafResponseCode',
      '$context.xrayTraceId',
      '$context.identity.userAgent',
    ]) {
      expect(Object.values(format)).toContain(field);
    }
  });

  it('turns execution logs off (the access line carries the errors) and declares no group for them', () => {
    prod.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ LoggingLevel: 'OFF' })]),
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const names = JSON.stringify(prod.template.findResources('AWS::Logs::LogGroup'));
    expect(names).not.toContain('API-Gateway-Execution-Logs');
  });

  it('sets the account-wide logging role only when asked, and keeps it when the stack goes', () => {
    dev.template.resourceCountIs('AWS::ApiGateway::Account', 0);
    const asked = synthNamed('dev', { apiGatewayAccountRole: true }).template;
    asked.resourceCountIs('AWS::ApiGateway::Account', 1);
    asked.hasResource('AWS::ApiGateway::Account', { DeletionPolicy: 'Retain' });
  });

  it('keeps credentials out of the WAF logs', () => {
    prod.template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: Match.arrayWith([
        { SingleHeader: { Name: 'authorization' } },
        { SingleHeader: { Name: 'x-api-key' } },
      ]),
    });
  });

  it('accepts TLS 1.2 or later and leaves the account-wide logging role alone', () => {
    for (const s of [dev, prod]) {
      s.template.hasResourceProperties('AWS::ApiGateway::RestApi', { SecurityPolicy: TLS_POLICY });
      s.template.resourceCountIs('AWS::ApiGateway::Account', 0);
    }
  });

  it('adds the known-bad-inputs and IP-reputation rule groups, and logs WAF decisions', () => {
    const acl = resources(prod, 'AWS::WAFv2::WebACL')[0]?.[1] as Resource;
    const groups = (acl.Properties.Rules as { Name: string }[]).map((r) => r.Name);
    expect(groups).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesAmazonIpReputationList',
      ]),
    );
    prod.template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    prod.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'aws-waf-logs-express-lambda-api-prod',
    });
  });
});

describe('stages', () => {
  it('pins the region per stage and names account-wide resources with it', () => {
    expect(prod.stack.region).toBe(stageConfig('prod').region);
    const moved = synthNamed('dev', { region: 'us-east-2' });
    expect(moved.stack.region).toBe('us-east-2');
    moved.template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'express-lambda-api-dev-us-east-2',
    });
  });

  it('reserves concurrency in prod, and none in dev (a new account has none to reserve)', () => {
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'lambda.handler',
      ReservedConcurrentExecutions: stageConfig('prod').reservedConcurrency,
    });
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'lambda.handler',
      ReservedConcurrentExecutions: Match.absent(),
    });
  });

  it('lets a streaming stage run for 15 minutes, through the integration and the function', () => {
    const t = synthNamed('prod', { streaming: true }).template;
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'lambda.streamHandler',
      Timeout: STREAMING_TIMEOUT_SECONDS,
      // Each request's own store budget is unchanged.
      Environment: { Variables: Match.objectLike({ LAMBDA_TIMEOUT_S: '15' }) },
    });
    t.hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ TimeoutInMillis: STREAMING_TIMEOUT_SECONDS * 1000 }),
    });
  });

  it('retains secrets where data is retained', () => {
    for (const [, secret] of resources(prod, 'AWS::SecretsManager::Secret')) {
      expect(secret.DeletionPolicy).toBe('Retain');
    }
    for (const [, secret] of resources(dev, 'AWS::SecretsManager::Secret')) {
      expect(secret.DeletionPolicy).toBe('Delete');
    }
  });

  it.each(Object.entries(variants))(
    'runs every function of ours on nodejs24.x (%s)',
    (_name, s) => {
      const ours = resources(s, 'AWS::Lambda::Function').filter(([id]) =>
        /^(Function|Authorizer)/.test(id),
      );
      expect(ours.length).toBeGreaterThan(0);
      for (const [id, fn] of ours) {
        expect({ id, runtime: fn.Properties.Runtime }).toEqual({ id, runtime: 'nodejs24.x' });
      }
    },
  );

  it('charts memory use against the configured size', () => {
    const [, dashboard] = resources(prod, 'AWS::CloudWatch::Dashboard')[0] as [string, Resource];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    expect(body).toContain('MaxMemoryUsedMB-prod');
    expect(body).toContain(`100 * memory / ${stageConfig('prod').memoryMb}`);
  });
});

describe('Guard rules (AWS Control Tower proactive controls)', () => {
  it('give every disabled rule a reason', () => {
    for (const [rule, reason] of Object.entries(DISABLED_GUARD_RULES)) {
      expect({ rule, reason: reason.length > 20 }).toEqual({ rule, reason: true });
    }
  });

  it.each(Object.entries(VARIANT_STAGES))('pass on %s (acknowledgements apart)', (name, stage) => {
    expect(() => synthWithGuardRules(`Guard-${name.replace(/\W/g, '')}`, stage)).not.toThrow();
  });

  it('fail a violation even when another resource acknowledges the same rule', () => {
    const app = new App();
    const stack = new Stack(app, 'Mixed', {
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    const kept = new Table(stack, 'Acknowledged', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
    });
    acknowledgeGuardRule(kept, 'dynamodb_table_pitr_enabled_check', 'a test table');
    acknowledgeGuardRule(kept, 'dynamodb_table_encrypted_kms_check', 'a test table');
    new Table(stack, 'NotAcknowledged', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
    });
    new Table(stack, 'NoPitr', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      encryption: TableEncryption.AWS_MANAGED,
    });
    Validations.of(app).addPlugins(guardValidator());
    expect(() => app.synth()).toThrow(/NoPitr/);
  });

  it('fail a template that breaks a rule (the check can fail)', () => {
    const app = new App();
    const stack = new Stack(app, 'Bad', { env: { account: '123456789012', region: 'eu-west-1' } });
    new Table(stack, 'NoPitr', { partitionKey: { name: 'id', type: AttributeType.STRING } });
    Validations.of(app).addPlugins(guardValidator());
    expect(() => app.synth()).toThrow(/CT\.DYNAMODB\.PR\.1/);
  });
});
