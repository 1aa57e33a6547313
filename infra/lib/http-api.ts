import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi as HttpApiV2,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HTTP_ACCESS_LOG_FIELDS } from './access-log-fields';
import type { ApiMetrics } from './monitoring';
import type { StageConfig } from './stages';

export interface HttpApiProps {
  stage: StageConfig;
  handler: IFunction;
}

/**
 * The cheaper front door (`frontDoor: 'http'`): an HTTP API with one `$default` route sending
 * everything to the function alias as payload format 2.0, stage throttling and JSON access
 * logs. What it gives up against the REST API: AWS WAF, API keys and usage plans, response
 * streaming, X-Ray at the gateway, custom gateway error bodies. With `authorizer: true` and an
 * external issuer, its built-in JWT authorizer checks issuer, audience and expiry before the
 * function is invoked (the app still verifies and checks scopes); CORS stays with the app.
 */
export class HttpApi extends Construct {
  readonly api: HttpApiV2;
  readonly stage: HttpStage;
  readonly metrics: ApiMetrics;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { stage } = props;
    const auth = stage.auth;
    const authorizer =
      stage.authorizer && auth?.issuer !== undefined && auth.audience !== undefined
        ? new HttpJwtAuthorizer('Jwt', auth.issuer, {
            authorizerName: `express-lambda-api-${stage.name}`,
            jwtAudience: [auth.audience],
          })
        : undefined;
    // $default route: every method and path goes to the app, which answers 404/405 itself.
    const integration = new HttpLambdaIntegration('Function', props.handler, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      timeout: Duration.seconds(29),
    });
    this.api = new HttpApiV2(this, 'Api', {
      apiName: `express-lambda-api-${stage.name}-${stage.region}`,
      description: `express-lambda-api (${stage.name}): HTTP API front door`,
      createDefaultStage: false,
      defaultIntegration: integration,
      defaultAuthorizer: authorizer,
    });
    if (authorizer) {
      // Left open, as on the REST API: CORS preflights (browsers send no credentials) and
      // /health and below (liveness and readiness, public in openapi.yaml).
      const open = new HttpNoneAuthorizer();
      for (const path of ['/', '/{proxy+}']) {
        this.api.addRoutes({ path, methods: [HttpMethod.OPTIONS], integration, authorizer: open });
      }
      for (const path of ['/health', '/health/{proxy+}']) {
        this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration, authorizer: open });
      }
    }
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: stage.logRetentionDays,
      removalPolicy: stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: stage.throttle,
      detailedMetricsEnabled: false,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(HTTP_ACCESS_LOG_FIELDS)),
      },
    });
    this.metrics = this.api;
  }
}
