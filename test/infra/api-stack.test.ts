import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { loadConfig } from '../../app/config';
import { timeBudget, API_GATEWAY_TIMEOUT_MS } from '../../app/core/time-budget';
import { ItemsTable } from '../../app/items/items-table';
import { MIN_REQUESTS_FOR_RATE } from '../../infra/lib/monitoring';
import { RESOURCES } from '../../app/resources/registry';
import { STAGES, stageConfig, withAuthContext } from '../../infra/lib/stages';
import {
  ALARM_EMAIL,
  allStatements,
  nagViolations,
  synthNamed,
  synthStage,
} from '../support/cdk-synth';

const dev = synthNamed('dev');
const prod = synthNamed('prod');

type FunctionResource = {
  Properties: {
    Handler: string;
    Layers?: unknown[];
    Environment: { Variables: Record<string, unknown> };
  };
};

function functionWithHandler(template: Template, handler: string): FunctionResource {
  const fns = Object.values(template.findResources('AWS::Lambda::Function')).filter(
    (f) => (f as FunctionResource).Properties.Handler === handler,
  );
  expect(fns).toHaveLength(1);
  return fns[0] as FunctionResource;
}

describe('DynamoDB', () => {
  it('creates the items table with the two list indexes, on demand, encrypted, with PITR', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: ItemsTable.byCreatedIndex,
          KeySchema: [
            { AttributeName: ItemsTable.listPartitionAttribute, KeyType: 'HASH' },
            { AttributeName: ItemsTable.sortAttribute, KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({ IndexName: ItemsTable.byStatusIndex }),
      ]),
    });
  });

  it('gives rate limits and idempotency their own tables with a TTL attribute', () => {
    for (const attr of ['expiresAt', 'expiration']) {
      dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
        TimeToLiveSpecification: { AttributeName: attr, Enabled: true },
        BillingMode: 'PAY_PER_REQUEST',
      });
    }
    // items, rate limits, idempotency, and one per generated resource.
    dev.template.resourceCountIs('AWS::DynamoDB::Table', 3 + RESOURCES.length);
  });

  it('destroys data in dev and retains it in prod', () => {
    const policies = (t: Template) =>
      Object.values(t.findResources('AWS::DynamoDB::Table')).map(
        (r) => (r as { DeletionPolicy: string }).DeletionPolicy,
      );
    expect(new Set(policies(dev.template))).toEqual(new Set(['Delete']));
    expect(new Set(policies(prod.template))).toEqual(new Set(['Retain']));
  });
});

describe('Lambda', () => {
  it('runs the built bundle on Node.js 24, arm64, traced, JSON logs, sized from the stage', () => {
    for (const [t, stage] of [
      [dev.template, STAGES.dev],
      [prod.template, STAGES.prod],
    ] as const) {
      t.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'lambda.handler',
        MemorySize: stage?.memoryMb,
        Timeout: stage?.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
        Environment: {
          Variables: Match.objectLike({
            NODE_OPTIONS: '--enable-source-maps',
            NODE_ENV: 'production',
          }),
        },
      });
    }
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    prod.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('keeps the time budget ordered: DynamoDB budget < Lambda timeout < API Gateway 29 s', () => {
    for (const stage of Object.values(STAGES)) {
      const c = loadConfig({ LAMBDA_TIMEOUT_S: String(stage.timeoutSeconds) });
      const budget = timeBudget({
        connectTimeoutMs: c.storage.connectTimeoutMs,
        timeoutMs: c.storage.timeoutMs,
        maxAttempts: c.storage.maxAttempts,
        lambdaTimeoutS: stage.timeoutSeconds,
      });
      expect(budget.fits).toBe(true);
      expect(stage.timeoutSeconds * 1000).toBeLessThan(API_GATEWAY_TIMEOUT_MS);
    }
  });

  it('has no secret values in its environment, only a reference to Secrets Manager', () => {
    const fns = Object.values(dev.template.findResources('AWS::Lambda::Function')).filter(
      (f) => (f as { Properties: { Handler?: string } }).Properties.Handler === 'lambda.handler',
    );
    expect(fns).toHaveLength(1);
    const vars = (fns[0] as { Properties: { Environment: { Variables: Record<string, unknown> } } })
      .Properties.Environment.Variables;
    expect(Object.keys(vars)).not.toContain('CURSOR_SECRET');
    expect(vars.CURSOR_SECRET_ID).toEqual({ Ref: expect.stringMatching(/^CursorSecret/) });
    for (const [name, value] of Object.entries(vars)) {
      if (typeof value === 'string')
        expect({ name, secretLooking: /secret|password|key/i.test(value) }).toEqual({
          name,
          secretLooking: false,
        });
    }
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });

  it('publishes an alias; prod adds provisioned concurrency and a 10%/5 min canary', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live' });
    prod.template.hasResourceProperties('AWS::Lambda::Alias', {
      Name: 'live',
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 1 },
    });
    prod.template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      AlarmConfiguration: Match.objectLike({ Enabled: true }),
      AutoRollbackConfiguration: Match.objectLike({ Enabled: true }),
    });
    dev.template.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 0);
  });

  it('can schedule warm-up pings that the handler answers without Express', () => {
    synthStage('Warm', { ...stageConfig('dev'), warmup: true }).template.hasResourceProperties(
      'AWS::Events::Rule',
      {
        ScheduleExpression: 'rate(5 minutes)',
        Targets: [Match.objectLike({ Input: JSON.stringify({ warmer: true }) })],
      },
    );
  });
});

describe('least privilege', () => {
  it('grants no wildcard action, anywhere', () => {
    for (const t of [dev.template, prod.template]) {
      const actions = allStatements(t).flatMap((s) =>
        Array.isArray(s.Action) ? s.Action : [s.Action],
      );
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    }
  });

  it('lets the function read its secret and use its own tables only', () => {
    const statements = allStatements(dev.template);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: expect.arrayContaining(['secretsmanager:GetSecretValue']),
        Resource: { Ref: expect.stringMatching(/^CursorSecret/) },
      }),
    );
    const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    for (const s of dynamo) expect(JSON.stringify(s.Resource)).toMatch(/Tables/);
  });
});

describe('API Gateway', () => {
  it('proxies everything to the function alias with stage throttling, access logs and tracing', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
    dev.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ Format: Match.stringLikeRegexp('"requestId"') }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      ]),
    });
  });

  it('answers its own 4xx/5xx as problem+json with CORS headers', () => {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      dev.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: Match.objectLike({
          'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
          'gatewayresponse.header.Content-Type': "'application/problem+json'",
        }),
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"type":"https://') },
      });
    }
  });

  it('adds an AWS WAF web ACL in prod: per-IP rate rule and the AWS common rule set', () => {
    prod.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
          },
        }),
      ]),
    });
    prod.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    dev.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('can require an API key through a usage plan', () => {
    const t = synthStage('Keyed', { ...stageConfig('dev'), apiKey: true }).template;
    t.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    t.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 50, BurstLimit: 100 },
    });
    t.hasResourceProperties('AWS::ApiGateway::Method', { ApiKeyRequired: true });
  });
});

describe('review fixes', () => {
  it('passes bodies as binary (the handler decodes base64 and marks binary responses)', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'] });
  });

  it('answers stage throttling with a problem and Retry-After', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Retry-After': "'1'" }),
    });
  });

  it('lets CloudWatch alarms of this account, and only them, use the alarm topic and its key', () => {
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: {
        'aws:SourceArn': Match.stringLikeRegexp(':cloudwatch:eu-west-1:123456789012:alarm:\\*$'),
      },
    };
    dev.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: Match.objectLike({ StringEquals: fromOurAlarms.StringEquals }),
          }),
        ]),
      },
    });
    // enforceSSL writes a topic policy, which replaces SNS's default one: without this allow,
    // CloudWatch could never publish (the defect the outside review found).
    for (const { template } of [dev, prod]) {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: Match.objectLike({ StringEquals: fromOurAlarms.StringEquals }),
            }),
          ]),
        },
      });
    }
  });

  it('subscribes the alarm e-mail, and refuses a prod stage that has none', () => {
    prod.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: ALARM_EMAIL,
    });
    expect(() => synthStage('NoEmail', stageConfig('prod'))).toThrow(/alarmEmail/);
  });

  it('rolls a canary back on the new version, watched where Lambda publishes it (ExecutedVersion)', () => {
    const alarms = prod.template.findResources('AWS::CloudWatch::Alarm');
    type AlarmProps = {
      MetricName?: string;
      Period?: number;
      Dimensions?: { Name: string; Value: unknown }[];
    };
    const byId = (id: string) => {
      const key = Object.keys(alarms).find((k) => k.startsWith(`Monitoring${id}`));
      expect(key).toBeDefined();
      return { key: key as string, props: alarms[key as string]?.Properties as AlarmProps };
    };
    const errors = byId('NewVersionErrors');
    expect(errors.props).toMatchObject({ MetricName: 'Errors', Period: 60 });
    expect(errors.props.Dimensions?.map((d) => d.Name).sort()).toEqual([
      'ExecutedVersion',
      'FunctionName',
      'Resource',
    ]);
    const dim = (name: string) => errors.props.Dimensions?.find((d) => d.Name === name)?.Value;
    expect(JSON.stringify(dim('Resource'))).toMatch(/":live"/);
    expect(JSON.stringify(dim('ExecutedVersion'))).toMatch(/Version/);
    expect(byId('NewVersionDurationP99').props.MetricName).toBe('Duration');
    // No alarm watches a version-qualified FunctionName, a series Lambda never publishes
    // for traffic through the alias (aws-cdk#14248).
    for (const a of Object.values(alarms)) {
      const fnName = (a.Properties as AlarmProps).Dimensions?.find(
        (d) => d.Name === 'FunctionName',
      )?.Value;
      expect(JSON.stringify(fnName ?? '')).not.toMatch(/Fn::Join/);
    }
    const group = Object.values(
      prod.template.findResources('AWS::CodeDeploy::DeploymentGroup'),
    )[0] as { Properties: { AlarmConfiguration: { Alarms: { Name: { Ref: string } }[] } } };
    const rollback = group.Properties.AlarmConfiguration.Alarms.map((a) => a.Name.Ref).sort();
    expect(rollback).toEqual(
      [errors.key, byId('NewVersionDurationP99').key, byId('Api5xxRate').key].sort(),
    );
  });

  it('fires the 5XX rate alarm only past a minimum request count', () => {
    const alarm = Object.entries(prod.template.findResources('AWS::CloudWatch::Alarm')).find(
      ([k]) => k.startsWith('MonitoringApi5xxRate'),
    )?.[1] as { Properties: { Metrics: { Expression?: string }[] } };
    const expression = alarm.Properties.Metrics.find((m) => m.Expression)?.Expression;
    expect(expression).toBe(`IF(requests >= ${MIN_REQUESTS_FOR_RATE}, 100 * part / requests, 0)`);
  });

  it('keeps bodies the app accepts out of the WAF common rule set size limit', () => {
    prod.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            }),
          },
        }),
      ]),
    });
  });
});

describe('monitoring', () => {
  it('alarms on each signal, notifying on alarm and on OK', () => {
    type AlarmProps = { AlarmActions?: unknown[]; OKActions?: unknown[] };
    const ids = (template: Template) =>
      Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, a]) => {
        const p = a.Properties as AlarmProps;
        const name = id.replace(/^Monitoring/, '').replace(/[0-9A-F]{8}$/, '');
        // The new version's own alarms roll a canary back and page no one (after the
        // deployment that version is all the traffic, which the service alarms watch).
        const notifies = !name.startsWith('NewVersion');
        expect({ name, alarm: p.AlarmActions?.length, ok: p.OKActions?.length }).toEqual({
          name,
          alarm: notifies ? 1 : undefined,
          ok: notifies ? 1 : undefined,
        });
        return name;
      });
    const common = [
      'Api5xxRate',
      'LambdaErrors',
      'DurationP99',
      'LambdaThrottles',
      'Api4xxRate',
      'ApiLatencyP99',
      'IntegrationLatencyP99',
      ...Array.from({ length: 3 + RESOURCES.length }, (_, i) => [
        `DynamoDbThrottles${i}`,
        `DynamoDbSystemErrors${i}`,
      ]).flat(),
    ];
    expect(ids(dev.template).sort()).toEqual([...common].sort());
    // prod: the canary, provisioned concurrency and WAF add theirs.
    expect(ids(prod.template).sort()).toEqual(
      [
        ...common,
        'NewVersionErrors',
        'NewVersionDurationP99',
        'ProvisionedConcurrencySpillover',
        'WafBlocks',
      ].sort(),
    );
    const gated = synthStage('GatedAlarms', { ...stageConfig('dev'), authorizer: true });
    expect(ids(gated.template)).toContain('AuthorizerErrors');
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'BlockedRequests',
      Namespace: 'AWS/WAFV2',
      Dimensions: Match.arrayWith([{ Name: 'WebACL', Value: 'express-lambda-api-prod' }]),
    });
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: stageConfig('prod').timeoutSeconds * 1000 * 0.8,
    });
    dev.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('has a dashboard and outputs the API URL, table names and dashboard name', () => {
    dev.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const dashboard = Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'))[0];
    const body = JSON.stringify(dashboard);
    for (const needle of [
      'Invocations',
      'Errors',
      'p50',
      'p90',
      'p99',
      'Throttles',
      'ConcurrentExecutions',
      'MaxMemoryUsedMB',
    ]) {
      expect({ needle, found: body.includes(needle) }).toEqual({ needle, found: true });
    }
    dev.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp('platform.report'),
      MetricTransformations: [
        Match.objectLike({ MetricValue: '$.record.metrics.maxMemoryUsedMB' }),
      ],
    });
    const outputs = Object.keys(dev.template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'ItemsTableName',
        'RateLimitTableName',
        'IdempotencyTableName',
        'DashboardName',
      ]),
    );
  });
});

describe('authentication', () => {
  const jwks = synthStage(
    'Jwks',
    withAuthContext(
      stageConfig('dev'),
      (key) =>
        (
          ({
            jwksUrl:
              'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool/.well-known/jwks.json',
            jwtIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool',
            jwtAudience: 'items-api',
            jwtScopePrefix: 'https://api.example.com/',
          }) as Record<string, string>
        )[key],
    ),
  );
  const gated = synthStage('Gated', { ...stageConfig('dev'), authorizer: true });

  it('reads secrets with the SDK: no Parameters and Secrets extension layer', () => {
    for (const t of [dev.template, prod.template, gated.template]) {
      for (const fn of Object.values(t.findResources('AWS::Lambda::Function'))) {
        const { Layers, Environment } = (fn as Partial<FunctionResource>).Properties ?? {};
        expect(Layers).toBeUndefined();
        expect(Object.keys(Environment?.Variables ?? {}).join()).not.toMatch(
          /PARAMETERS_SECRETS_EXTENSION/,
        );
      }
      t.resourceCountIs('AWS::Lambda::LayerVersion', 0);
    }
  });

  it('passes a generated HS256 key by reference (JWT_SECRET_ID) and the stage issuer', () => {
    for (const [t, name] of [
      [dev.template, 'dev'],
      [prod.template, 'prod'],
    ] as const) {
      const vars = functionWithHandler(t, 'lambda.handler').Properties.Environment.Variables;
      expect(vars.JWT_SECRET_ID).toEqual({ Ref: expect.stringMatching(/^TokenKeysJwtSecret/) });
      expect(vars.JWT_ISSUER).toBe(`https://express-lambda-api/${name}`);
      // Production demands an audience or the explicit opt-out (the key is this stack's own).
      expect(vars.JWT_SKIP_AUDIENCE).toBe('true');
      for (const absent of ['JWT_SECRET', 'JWKS_URL', 'JWKS_URL_PARAM', 'JWT_AUDIENCE']) {
        expect(Object.keys(vars)).not.toContain(absent);
      }
      t.resourceCountIs('AWS::SecretsManager::Secret', 2); // the cursor key and the token key
      const outputs = t.findOutputs('*');
      expect(outputs.JwtSecretArn?.Value).toEqual(vars.JWT_SECRET_ID);
      expect(outputs.JwtIssuer?.Value).toBe(vars.JWT_ISSUER);
    }
  });

  it('grants the token key read-only (grantRead), to its readers only', () => {
    const onTokenKey = allStatements(dev.template).filter((s) =>
      JSON.stringify(s.Resource).includes('TokenKeysJwtSecret'),
    );
    expect(onTokenKey).toHaveLength(1);
    const actions = [onTokenKey[0]?.Action].flat();
    expect(new Set(actions)).toEqual(
      new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
    // Nothing anywhere may write or manage a secret.
    const secretActions = allStatements(prod.template)
      .flatMap((s) => [s.Action].flat())
      .filter((a) => a.startsWith('secretsmanager:'));
    expect(new Set(secretActions)).toEqual(
      new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
  });

  it('uses an external JWKS from CDK context: JWKS_URL, no token key created', () => {
    const vars = functionWithHandler(jwks.template, 'lambda.handler').Properties.Environment
      .Variables;
    expect(vars).toMatchObject({
      JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool/.well-known/jwks.json',
      JWT_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool',
      JWT_AUDIENCE: 'items-api',
      JWT_SCOPE_PREFIX: 'https://api.example.com/',
    });
    expect(Object.keys(vars)).not.toContain('JWT_SECRET_ID');
    jwks.template.resourceCountIs('AWS::SecretsManager::Secret', 1); // the cursor key only
    expect(JSON.stringify(jwks.template.toJSON())).not.toMatch(/JwtSecret/);
    expect(nagViolations(jwks.app)).toEqual([]);
  });

  it('rejects incomplete or unsafe JWKS context', () => {
    const ctx = (values: Record<string, unknown>) => (key: string) => values[key];
    expect(() =>
      withAuthContext(stageConfig('dev'), ctx({ jwksUrl: 'https://issuer.example/jwks.json' })),
    ).toThrow(/jwtIssuer/);
    expect(() =>
      withAuthContext(
        stageConfig('dev'),
        ctx({ jwksUrl: 'http://issuer.example/jwks.json', jwtIssuer: 'https://issuer.example' }),
      ),
    ).toThrow(/https/);
    const cognito = {
      jwksUrl: 'https://issuer.example/jwks.json',
      jwtIssuer: 'https://issuer.example',
    };
    expect(() => withAuthContext(stageConfig('dev'), ctx(cognito))).toThrow(/jwtAudience/);
    expect(
      withAuthContext(stageConfig('dev'), ctx({ ...cognito, jwtSkipAudience: 'true' })).auth,
    ).toMatchObject({ skipAudience: true });
    expect(() =>
      withAuthContext(stageConfig('dev'), ctx({ ...cognito, jwtSkipAudience: 'no' })),
    ).toThrow(/jwtSkipAudience/);
    expect(withAuthContext(stageConfig('dev'), ctx({}))).toBe(stageConfig('dev'));
  });

  it('has no gateway authorizer by default', () => {
    for (const t of [dev.template, prod.template]) {
      t.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
      for (const m of Object.values(t.findResources('AWS::ApiGateway::Method'))) {
        expect(m).toMatchObject({ Properties: { AuthorizationType: 'NONE' } });
      }
    }
  });

  it('can attach a cached TOKEN authorizer to every method but OPTIONS and /health', () => {
    const t = gated.template;
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    // Anything but "Bearer <b64token>" is refused without invoking the function.
    const [tokenAuthorizer] = Object.values(t.findResources('AWS::ApiGateway::Authorizer')) as {
      Properties: { IdentityValidationExpression: string };
    }[];
    const bearer = new RegExp(tokenAuthorizer?.Properties.IdentityValidationExpression ?? '(?!)');
    expect(bearer.test('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_')).toBe(true);
    expect(bearer.test('bearer abc.def.ghi')).toBe(true);
    for (const refused of ['Basic YWxpY2U6c2VjcmV0', 'Bearer ', 'Bearer a b', 'abc.def.ghi']) {
      expect({ refused, matches: bearer.test(refused) }).toEqual({ refused, matches: false });
    }
    const authorizerId = Object.keys(t.findResources('AWS::ApiGateway::Authorizer'))[0];
    const resources = t.findResources('AWS::ApiGateway::Resource') as Record<
      string,
      { Properties: { PathPart: string; ParentId: unknown } }
    >;
    const pathOf = (resourceId: unknown): string => {
      const ref = (resourceId as { Ref?: string }).Ref;
      const r = ref === undefined ? undefined : resources[ref];
      if (r === undefined) return '';
      return `${pathOf(r.Properties.ParentId)}/${r.Properties.PathPart}`;
    };
    const methods = Object.values(t.findResources('AWS::ApiGateway::Method')).map((m) => {
      const p = (
        m as {
          Properties: {
            HttpMethod: string;
            ResourceId: unknown;
            AuthorizationType: string;
            AuthorizerId?: unknown;
          };
        }
      ).Properties;
      return {
        route: `${p.HttpMethod} ${pathOf(p.ResourceId) || '/'}`,
        type: p.AuthorizationType,
        authorizer: p.AuthorizerId,
      };
    });
    const gate = { type: 'CUSTOM', authorizer: { Ref: authorizerId } };
    const open = { type: 'NONE', authorizer: undefined };
    expect(methods).toEqual(
      expect.arrayContaining([
        { route: 'ANY /', ...gate },
        { route: 'ANY /{proxy+}', ...gate },
        { route: 'OPTIONS /', ...open },
        { route: 'OPTIONS /{proxy+}', ...open },
        { route: 'ANY /health', ...open },
        { route: 'ANY /health/{proxy+}', ...open },
      ]),
    );
    expect(methods).toHaveLength(6);
    // The authorizer: authorizer.ts's bundle, the same token settings, read on the key only.
    const vars = functionWithHandler(t, 'authorizer.handler').Properties.Environment.Variables;
    expect(vars).toMatchObject({
      NODE_ENV: 'production',
      JWT_SECRET_ID: { Ref: expect.stringMatching(/^TokenKeysJwtSecret/) },
      JWT_ISSUER: 'https://express-lambda-api/dev',
      JWT_SKIP_AUDIENCE: 'true',
    });
    expect(Object.keys(vars)).not.toContain('CURSOR_SECRET_ID');
    const readers = allStatements(t).filter((s) =>
      JSON.stringify(s.Resource).includes('TokenKeysJwtSecret'),
    );
    expect(readers).toHaveLength(2); // the API function and the authorizer
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthorizerHandler'), 'Arn'] },
    });
    t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseParameters: Match.objectLike({
        'gatewayresponse.header.WWW-Authenticate': `'Bearer realm="express-lambda-api"'`,
      }),
    });
    expect(nagViolations(gated.app)).toEqual([]);
  });

  it('ships each bundle to its own function: lambda.js to the API, authorizer.js to the gate', () => {
    const assets = readdirSync(gated.app.outdir)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => readdirSync(path.join(gated.app.outdir, d)).sort());
    expect(assets).toEqual(expect.arrayContaining([['lambda.js'], ['authorizer.js']]));
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it.each(['dev', 'prod'])('leaves no unacknowledged finding on %s', (name) => {
    expect(nagViolations((name === 'dev' ? dev : prod).app)).toEqual([]);
  });
});
