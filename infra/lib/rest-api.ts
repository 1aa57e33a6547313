import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  type CfnRestApi,
  ApiKeySourceType,
  AuthorizationType,
  EndpointType,
  type IAuthorizer,
  LambdaRestApi,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  ResponseTransferMode,
  ResponseType,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ACCESS_LOG_FIELDS } from './access-log-fields';
import { bearerChallenge } from '../../app/auth/challenge';
import { STREAMING_TIMEOUT_SECONDS, type StageConfig } from './stages';

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
 * TLS 1.2 or later from clients (the default endpoint otherwise accepts TLS 1.0). The legacy
 * `TLS_1_2` policy: the enhanced `SecurityPolicy_*` ones also demand an endpoint access mode.
 */
export const TLS_POLICY = 'TLS_1_2';

/**
 * REST API with a `{proxy+}` Lambda proxy integration in front of the function alias (in
 * STREAM mode when the stage streams, for up to 15 minutes): stage throttling, JSON access
 * logs (execution logs off), X-Ray, TLS 1.2+, gateway error responses as
 * problem+json with CORS headers, and optionally an API key with a usage plan and an AWS WAF
 * web ACL (with its own logs).
 *
 * API Gateway writes access logs through one account-wide role (per region). The stack sets it
 * only when asked (`-c apiGatewayAccountRole=true`, for an account that has none yet): a
 * stack that always did would overwrite the setting for every API in the account and region.
 * Without the role in place, the stage cannot be created; the README says when to pass it.
 */
export class RestApi extends Construct {
  readonly api: LambdaRestApi;
  /** The WAF web ACL's name, when the stage has one (its metrics' WebACL dimension). */
  readonly webAclName?: string;

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
      restApiName: `express-lambda-api-${stage.name}-${stage.region}`,
      // STREAM: the integration invokes the function with InvokeWithResponseStream, so the
      // response may pass 6 MB and reach the client as the function writes it.
      integrationOptions: stage.streaming
        ? {
            responseTransferMode: ResponseTransferMode.STREAM,
            timeout: Duration.seconds(STREAMING_TIMEOUT_SECONDS),
          }
        : undefined,
      endpointTypes: [EndpointType.REGIONAL],
      // Pass every body through as bytes: the handler decodes base64 requests and marks
      // binary responses, which API Gateway then sends as binary rather than base64 text.
      binaryMediaTypes: ['*/*'],
      // Off unless asked for (see the class comment); retained, as the account setting outlives
      // any one stack.
      cloudWatchRole: stage.apiGatewayAccountRole,
      ...(stage.apiGatewayAccountRole ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
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
        // Execution logs off: the access line carries the gateway's error message and response
        // type, and a stack that declared API Gateway's own execution-log group would collide
        // with the group a stage that had them on already created.
        loggingLevel: MethodLoggingLevel.OFF,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    (this.api.node.defaultChild as CfnRestApi).securityPolicy = TLS_POLICY;

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

    if (stage.waf) this.webAclName = this.addWebAcl(stage, stage.waf.ratePer5MinutesPerIp);
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

  private addWebAcl(stage: StageConfig, ratePer5Minutes: number): string {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managedGroup = (name: string, priority: number, metricName: string) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(metricName),
    });
    const name = `express-lambda-api-${stage.name}`;
    const acl = new CfnWebACL(this, 'WebAcl', {
      name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      // The ACL's metric name is the WebACL dimension of its CloudWatch metrics (the WafBlocks
      // alarm's): one per stage, the same as its name.
      visibilityConfig: visibility(name),
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
        // Request patterns known to exploit vulnerabilities (Log4j, Java deserialisation...).
        managedGroup('AWSManagedRulesKnownBadInputsRuleSet', 2, 'known-bad-inputs'),
        // Addresses Amazon threat intelligence lists as bots and attackers.
        managedGroup('AWSManagedRulesAmazonIpReputationList', 3, 'ip-reputation'),
      ],
    });
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
    // WAF logs what it blocked and why; the group name must start with aws-waf-logs-.
    const wafLogs = new LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-${name}`,
      retention: stage.logRetentionDays,
      removalPolicy: stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: acl.attrArn,
      // WAF logs every request header: never the credentials.
      redactedFields: [
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'x-api-key' } },
        { singleHeader: { Name: 'cookie' } },
      ],
      // WAF wants the group's ARN without the `:*` that LogGroup.logGroupArn carries.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    });
    return name;
  }
}
