import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  EndpointType,
  type IAuthorizer,
  LambdaRestApi,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  ResponseType,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { bearerChallenge } from '../../app/auth/challenge';
import type { StageConfig } from './stages';

export interface RestApiProps {
  stage: StageConfig;
  handler: IFunction;
  /**
   * Lambda authorizer for every method except OPTIONS (CORS preflight, which browsers send
   * without credentials) and /health (liveness and readiness, public in openapi.yaml).
   */
  authorizer?: IAuthorizer;
}

/**
 * Problem details (RFC 9457) for errors API Gateway answers itself (throttling, WAF blocks,
 * a failed integration), so clients get the same shape as from the app. The type URIs follow
 * app/http/problem-types.ts.
 */
const GATEWAY_PROBLEM =
  '{"type":"https://express-lambda-api.dev/problems/gateway-error",' +
  '"title":"API Gateway error",' +
  '"detail":$context.error.messageString,' +
  '"requestId":"$context.requestId"}';

/**
 * REST API with a `{proxy+}` Lambda proxy integration in front of the function alias: stage
 * throttling, JSON access logs, X-Ray, gateway error responses as problem+json with CORS
 * headers, and optionally an API key with a usage plan and an AWS WAF web ACL.
 */
export class RestApi extends Construct {
  readonly api: LambdaRestApi;

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const { stage, authorizer } = props;
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: stage.logRetentionDays,
      removalPolicy: stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.api = new LambdaRestApi(this, 'Api', {
      handler: props.handler,
      // With an authorizer the same routes are added below, some of them left open.
      proxy: authorizer === undefined,
      restApiName: `express-lambda-api-${stage.name}`,
      endpointTypes: [EndpointType.REGIONAL],
      // Pass every body through as bytes: the handler decodes base64 requests and marks
      // binary responses, which API Gateway then sends as binary rather than base64 text.
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: true,
      apiKeySourceType: stage.apiKey ? ApiKeySourceType.HEADER : undefined,
      defaultMethodOptions:
        stage.apiKey || authorizer
          ? {
              ...(stage.apiKey ? { apiKeyRequired: true } : {}),
              ...(authorizer ? { authorizer } : {}),
            }
          : undefined,
      deployOptions: {
        stageName: stage.name,
        throttlingRateLimit: stage.throttle.rateLimit,
        throttlingBurstLimit: stage.throttle.burstLimit,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });

    if (authorizer) this.addGatedRoutes();

    // A browser must see the real error, not a CORS failure: these bodies carry no data, so
    // any origin may read them (the app's own responses keep the strict allow-list).
    for (const [idSuffix, type, extraHeaders] of [
      ['Default4xx', ResponseType.DEFAULT_4XX, {}],
      ['Default5xx', ResponseType.DEFAULT_5XX, {}],
      // Stage throttling answers 429: tell clients when to come back.
      ['Throttled', ResponseType.THROTTLED, { 'Retry-After': "'1'" }],
      // The authorizer refused the token (or there was none): a Bearer challenge (RFC 6750).
      ...(authorizer
        ? ([
            [
              'Unauthorized',
              ResponseType.UNAUTHORIZED,
              { 'WWW-Authenticate': `'${bearerChallenge()}'` },
            ],
          ] as const)
        : []),
    ] as const) {
      this.api.addGatewayResponse(idSuffix, {
        type,
        responseHeaders: {
          'Access-Control-Allow-Origin': "'*'",
          'Access-Control-Expose-Headers': "'X-Request-Id,Retry-After'",
          'Content-Type': "'application/problem+json'",
          ...extraHeaders,
        },
        templates: { 'application/json': GATEWAY_PROBLEM },
      });
    }

    if (stage.apiKey) {
      const plan = this.api.addUsagePlan('UsagePlan', {
        name: `express-lambda-api-${stage.name}`,
        throttle: stage.throttle,
        quota: { limit: stage.throttle.rateLimit * 60 * 60 * 24, period: Period.DAY },
      });
      plan.addApiStage({ stage: this.api.deploymentStage });
      plan.addApiKey(this.api.addApiKey('ApiKey'));
    }

    if (stage.waf) this.addWebAcl(stage.waf.ratePer5MinutesPerIp);
  }

  /**
   * What `proxy: true` creates (ANY on / and on /{proxy+}), gated by the default method
   * options' authorizer, plus methods API Gateway prefers over ANY that stay open: OPTIONS
   * everywhere, and every method on /health and below (the app answers them, e.g. 405).
   */
  private addGatedRoutes(): void {
    const open = { authorizationType: AuthorizationType.NONE };
    const proxy = this.api.root.addProxy({ anyMethod: true }); // ANY / and ANY /{proxy+}
    proxy.addMethod('OPTIONS', undefined, open); // also OPTIONS /
    const health = this.api.root.addResource('health');
    health.addMethod('ANY', undefined, open);
    health.addProxy({ anyMethod: false }).addMethod('ANY', undefined, open);
  }

  private addWebAcl(ratePer5Minutes: number): void {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('express-lambda-api'),
      rules: [
        {
          name: 'RatePerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: ratePer5Minutes, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('rate-per-ip'),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Its 8 KB body limit would block bodies the app accepts (BODY_LIMIT, 100 KB);
              // the app enforces its own limit with a 413 problem.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('common-rule-set'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
  }
}
