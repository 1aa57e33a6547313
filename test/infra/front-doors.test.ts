import { Match } from 'aws-cdk-lib/assertions';
import { CORS_RULES } from '../../app/http/cors-rules';
import { DEFAULT_MANAGED_INSTANCES, withDeployContext } from '../../infra/lib/deploy-context';
import { HTTP_ACCESS_LOG_FIELDS } from '../../infra/lib/access-log-fields';
import { MANAGED_INSTANCES_MIN_MEMORY_MB } from '../../infra/lib/managed-instances';
import { stageConfig } from '../../infra/lib/stages';
import { ALARM_EMAIL, nagViolations, synthNamed, synthWithGuardRules } from '../support/cdk-synth';

const context =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('choosing front doors from CDK context', () => {
  it('reads each choice, context over the stage file', () => {
    const stage = withDeployContext(
      stageConfig('dev'),
      context({
        streaming: 'true',
        functionUrl: 'true',
        frontDoor: 'rest',
        managedInstances: 'true',
        region: 'us-west-2',
        alarmEmail: 'ops@example.com',
      }),
    );
    expect(stage).toMatchObject({
      streaming: true,
      functionUrl: true,
      frontDoor: 'rest',
      managedInstances: DEFAULT_MANAGED_INSTANCES,
      region: 'us-west-2',
      alarmEmail: 'ops@example.com',
    });
    expect(withDeployContext(stageConfig('dev'), context({}))).toEqual(stageConfig('dev'));
  });

  it('refuses values it cannot use, naming the setting', () => {
    const dev = stageConfig('dev');
    expect(() => withDeployContext(dev, context({ streaming: 'yes' }))).toThrow(/streaming/);
    expect(() => withDeployContext(dev, context({ frontDoor: 'alb' }))).toThrow(/frontDoor/);
    expect(() => withDeployContext(dev, context({ region: 'Europe' }))).toThrow(/region/);
    expect(() => withDeployContext(dev, context({ alarmEmail: 'nobody' }))).toThrow(/alarmEmail/);
  });

  it('refuses combinations that cannot work', () => {
    const dev = stageConfig('dev');
    expect(() => withDeployContext(stageConfig('prod'), context({}))).toThrow(/alarmEmail/);
    expect(() => withDeployContext(dev, context({ frontDoor: 'http', streaming: 'true' }))).toThrow(
      /HTTP APIs cannot/,
    );
    // A Function URL streams, so the pair is allowed.
    expect(
      withDeployContext(dev, context({ frontDoor: 'http', streaming: 'true', functionUrl: 'true' }))
        .frontDoor,
    ).toBe('http');
    expect(() =>
      withDeployContext({ ...dev, apiKey: true }, context({ frontDoor: 'http' })),
    ).toThrow(/usage plans/);
    expect(() =>
      withDeployContext({ ...dev, authorizer: true }, context({ frontDoor: 'http' })),
    ).toThrow(/jwksUrl/);
    // No internet egress on Managed Instances: an external issuer's keys are out of reach.
    expect(() =>
      withDeployContext(
        {
          ...dev,
          auth: { jwksUrl: 'https://issuer.example/jwks.json', issuer: 'https://issuer.example' },
        },
        context({ managedInstances: 'true' }),
      ),
    ).toThrow(/JWKS/);
  });
});

describe('streaming (REST in STREAM mode)', () => {
  const streaming = synthNamed('dev', { streaming: true });

  it('invokes lambda.streamHandler with InvokeWithResponseStream', () => {
    streaming.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'lambda.streamHandler',
    });
    const methods = Object.values(streaming.template.findResources('AWS::ApiGateway::Method'));
    expect(methods.length).toBeGreaterThan(0);
    for (const m of methods) {
      const integration = (m as { Properties: { Integration: Record<string, unknown> } }).Properties
        .Integration;
      expect(integration.ResponseTransferMode).toBe('STREAM');
      expect(JSON.stringify(integration.Uri)).toContain('/response-streaming-invocations');
    }
  });

  it('stays buffered by default', () => {
    const dev = synthNamed('dev');
    dev.template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'lambda.handler' });
    expect(JSON.stringify(dev.template.toJSON())).not.toContain('STREAM');
  });
});

describe('Function URL', () => {
  it('adds an IAM-authenticated URL on the alias, streaming with streaming on, with the CORS rules', () => {
    const t = synthNamed('dev', { functionUrl: true, streaming: true }).template;
    t.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      InvokeMode: 'RESPONSE_STREAM',
      Qualifier: 'live',
      Cors: {
        AllowOrigins: stageConfig('dev').corsOrigins,
        AllowMethods: [...CORS_RULES.methods],
        AllowHeaders: [...CORS_RULES.allowedHeaders],
        ExposeHeaders: [...CORS_RULES.exposedHeaders],
        MaxAge: CORS_RULES.maxAgeSeconds,
      },
    });
    t.hasOutput('FunctionUrl', Match.anyValue());
  });

  it('is buffered without streaming, and absent unless asked for', () => {
    synthNamed('dev', { functionUrl: true }).template.hasResourceProperties('AWS::Lambda::Url', {
      InvokeMode: 'BUFFERED',
    });
    synthNamed('dev').template.resourceCountIs('AWS::Lambda::Url', 0);
  });
});

describe('HTTP API (frontDoor=http)', () => {
  const http = synthNamed('prod', { frontDoor: 'http' });

  it('replaces the REST API: $default route, payload 2.0, stage throttling, access logs', () => {
    const t = http.template;
    t.resourceCountIs('AWS::ApiGateway::RestApi', 0);
    t.resourceCountIs('AWS::WAFv2::WebACL', 0);
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    const throttle = stageConfig('prod').throttle;
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      },
      AccessLogSettings: { Format: JSON.stringify(HTTP_ACCESS_LOG_FIELDS) },
    });
    t.hasOutput('ApiUrl', Match.anyValue());
  });

  it('watches the HTTP API in its alarms (5xx, 4xx, latency)', () => {
    const body = JSON.stringify(http.template.findResources('AWS::CloudWatch::Alarm'));
    expect(body).toContain('"ApiId"');
    expect(body).toMatch(/"MetricName":"5xx"/);
    expect(body).toMatch(/"MetricName":"4xx"/);
  });

  it("can put the HTTP API's JWT authorizer in front, leaving preflight and /health open", () => {
    const t = synthNamed('dev', {
      frontDoor: 'http',
      authorizer: true,
      auth: {
        jwksUrl: 'https://issuer.example/.well-known/jwks.json',
        issuer: 'https://issuer.example',
        audience: 'express-lambda-api',
      },
    }).template;
    t.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://issuer.example', Audience: ['express-lambda-api'] },
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'JWT',
    });
    for (const key of ['OPTIONS /', 'OPTIONS /{proxy+}', 'ANY /health', 'ANY /health/{proxy+}']) {
      t.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: key,
        AuthorizationType: 'NONE',
      });
    }
  });
});

describe('Lambda Managed Instances (managedInstances=true)', () => {
  const managed = synthNamed('prod', { managedInstances: DEFAULT_MANAGED_INSTANCES });
  const t = managed.template;

  it('puts the function on a capacity provider with its concurrency set explicitly', () => {
    t.resourceCountIs('AWS::Lambda::CapacityProvider', 1);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'lambda.handler',
      MemorySize: Math.max(stageConfig('prod').memoryMb, MANAGED_INSTANCES_MIN_MEMORY_MB),
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: {
          PerExecutionEnvironmentMaxConcurrency:
            DEFAULT_MANAGED_INSTANCES.perEnvironmentMaxConcurrency,
        },
      },
    });
    // The on-demand concurrency controls do not apply.
    const fn = Object.values(t.findResources('AWS::Lambda::Function')).find(
      (f) => (f as { Properties: { Handler: string } }).Properties.Handler === 'lambda.handler',
    ) as { Properties: Record<string, unknown> };
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(JSON.stringify(t.findResources('AWS::Lambda::Alias'))).not.toContain(
      'ProvisionedConcurrencyConfig',
    );
  });

  it('gives it private subnets without NAT, and the endpoints the function calls', () => {
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['.dynamodb'])] }),
    });
    const interfaces = Object.values(t.findResources('AWS::EC2::VPCEndpoint'))
      .map((e) => (e as { Properties: { ServiceName: unknown } }).Properties.ServiceName)
      .filter((name): name is string => typeof name === 'string')
      .map((name) => name.split('.').pop());
    expect(interfaces.sort()).toEqual(['logs', 'secretsmanager', 'xray']);
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
  });

  it('charts memory against the memory the function really has there', () => {
    const body = JSON.stringify(t.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain(`100 * memory / ${MANAGED_INSTANCES_MIN_MEMORY_MB}`);
  });
});

describe('every combination', () => {
  const combinations = {
    'REST, streaming': { streaming: true },
    'REST, Function URL, streaming': { functionUrl: true, streaming: true },
    'HTTP API, Function URL streaming': {
      frontDoor: 'http' as const,
      functionUrl: true,
      streaming: true,
    },
    'managed instances, streaming, Function URL': {
      managedInstances: DEFAULT_MANAGED_INSTANCES,
      streaming: true,
      functionUrl: true,
    },
    'managed instances, HTTP API': {
      managedInstances: DEFAULT_MANAGED_INSTANCES,
      frontDoor: 'http' as const,
    },
  };

  it.each(Object.entries(combinations))(
    'synthesises with no unacknowledged cdk-nag or Guard finding: %s',
    (name, changes) => {
      for (const stage of ['dev', 'prod']) {
        expect(nagViolations(synthNamed(stage, changes).app)).toEqual([]);
      }
      expect(() =>
        synthWithGuardRules(`Combo-${name.replace(/\W/g, '')}`, {
          ...stageConfig('prod'),
          alarmEmail: ALARM_EMAIL,
          ...changes,
        }),
      ).not.toThrow();
    },
  );
});
