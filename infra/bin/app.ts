/**
 * The CDK app: `npm run synth | deploy | destroy -- -c stage=dev|prod`.
 * Deploys the bundle `npm run build` wrote to dist/ (the scripts build it first).
 *
 * Deploy choices (infra/lib/stages.ts per stage; CDK context overrides, infra/lib/deploy-context.ts):
 *   -c region=eu-west-1        the stage's region is pinned; this moves it
 *   -c alarmEmail=a@b.example  where alarms go (prod refuses to synthesise without one)
 *   -c streaming=true          lambda.streamHandler behind a REST integration in STREAM mode
 *   -c functionUrl=true        a Function URL on the alias (RESPONSE_STREAM with streaming)
 *   -c frontDoor=http          an HTTP API (payload 2.0) instead of the REST API
 *   -c managedInstances=true   the function on Lambda Managed Instances, in its own VPC
 *
 * Tokens from an external issuer instead of the generated HS256 key (infra/lib/token-keys.ts):
 *   -c jwksUrl=https://cognito-idp.<region>.amazonaws.com/<pool-id>/.well-known/jwks.json
 *   -c jwtIssuer=https://cognito-idp.<region>.amazonaws.com/<pool-id>
 *   [-c jwtAudience=<aud>] [-c jwtScopePrefix=<resource-server-id>/]
 *
 * Two checkers run on every synth and fail it on a finding: cdk-nag's AWS Solutions pack and
 * the AWS Control Tower proactive controls through cfn-guard (infra/lib/guard-rules.ts).
 */
import path from 'node:path';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '../lib/api-stack';
import { withDeployContext } from '../lib/deploy-context';
import { guardValidator } from '../lib/guard-rules';
import { stageConfig, withAuthContext } from '../lib/stages';

const app = new App();
const context = (key: string) => app.node.tryGetContext(key);
const stage = withDeployContext(
  withAuthContext(stageConfig(context('stage') as string | undefined), context),
  context,
);

new ApiStack(app, `ExpressLambdaApi-${stage.name}`, {
  stage,
  codeDirectory: path.resolve(__dirname, '..', '..', 'dist'),
  // The region comes from the stage (ApiStack pins it); the account from the credentials.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT },
});
Tags.of(app).add('project', 'express-lambda-api');
Tags.of(app).add('stage', stage.name);
// cdk-nag's findings kept by design are acknowledged, with reasons, in ApiStack; Guard rules
// that do not fit this design are disabled, with reasons, in guard-rules.ts.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), guardValidator());
