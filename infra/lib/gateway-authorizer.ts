import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { IdentitySource, TokenAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import {
  Architecture,
  Code,
  Function as LambdaFn,
  LoggingFormat,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from './stages';
import type { TokenKeys } from './token-keys';

export interface GatewayAuthorizerProps {
  stage: StageConfig;
  /** The same token settings (key source, issuer, audience, scope prefix) the API function gets. */
  tokenKeys: TokenKeys;
  /** dist/ from `npm run build`, which writes authorizer.js next to lambda.js. */
  codeDirectory: string;
}

/** How long API Gateway caches a token's policy (keyed by the Authorization header). */
export const AUTHORIZER_CACHE_TTL = Duration.minutes(5);

/**
 * The optional API Gateway Lambda authorizer (TOKEN type): dist/authorizer.js, built from
 * authorizer.ts with the app's own token verifier and configuration. A valid token gets an
 * Allow policy for every method of the stage, so API Gateway may cache it for
 * AUTHORIZER_CACHE_TTL and reuse it for the same token on any route; anything else is a 401
 * from the gateway. The function still verifies the token (expiry included, so a token that
 * expires while its policy is cached is refused by the app) and checks scopes per route.
 */
export class GatewayAuthorizer extends Construct {
  readonly fn: LambdaFn;
  readonly authorizer: TokenAuthorizer;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: GatewayAuthorizerProps) {
    super(scope, id);
    const { stage } = props;
    if (!existsSync(path.join(props.codeDirectory, 'authorizer.js'))) {
      throw new Error(
        `${props.codeDirectory}/authorizer.js is missing: run \`npm run build\` (stage ${stage.name} sets authorizer: true)`,
      );
    }

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: stage.logRetentionDays,
      removalPolicy: stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // Its own role: writes to its own log group only (no managed policy's logs on `*`).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `express-lambda-api (${stage.name}) gateway authorizer`,
    });
    this.fn = new LambdaFn(this, 'Handler', {
      runtime: Runtime.NODEJS_24_X,
      role,
      architecture: Architecture.ARM_64,
      handler: 'authorizer.handler',
      // Only the authorizer's bundle from dist/, not the API's.
      code: Code.fromAsset(props.codeDirectory, {
        exclude: ['*', '!authorizer.js', '!authorizer.js.map'],
      }),
      memorySize: 512,
      // Room for the worst cold start: reading the key (app/config/secrets.ts: 2 attempts of at most
      // 1 s connect + 3 s request) or fetching the JWKS (3 s).
      timeout: Duration.seconds(10),
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        NODE_ENV: 'production',
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: stage.logLevel,
        ...props.tokenKeys.environment,
      },
      description: `express-lambda-api gateway authorizer (${stage.name})`,
    });
    this.logGroup.grantWrite(role);
    props.tokenKeys.grantRead(this.fn);

    this.authorizer = new TokenAuthorizer(this, 'Token', {
      authorizerName: `express-lambda-api-${stage.name}-${stage.region}`,
      handler: this.fn,
      identitySource: IdentitySource.header('Authorization'),
      // Anything but "Bearer <b64token>" (RFC 6750) is a 401 without invoking the function.
      validationRegex: '^[Bb][Ee][Aa][Rr][Ee][Rr] +[A-Za-z0-9._~+/-]+=*$',
      resultsCacheTtl: AUTHORIZER_CACHE_TTL,
    });
  }
}
