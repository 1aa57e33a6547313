/**
 * The CDK app: `npm run synth | deploy | destroy -- --context stage=dev|prod`.
 * Deploys the bundle `npm run build` wrote to dist/ (the scripts build it first).
 *
 * Tokens from an external issuer instead of the generated HS256 key (infra/lib/token-keys.ts):
 *   -c jwksUrl=https://cognito-idp.<region>.amazonaws.com/<pool-id>/.well-known/jwks.json
 *   -c jwtIssuer=https://cognito-idp.<region>.amazonaws.com/<pool-id>
 *   [-c jwtAudience=<aud>] [-c jwtScopePrefix=<resource-server-id>/]
 */
import path from 'node:path';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '../lib/api-stack';
import { stageConfig, withAuthContext } from '../lib/stages';

const app = new App();
const stage = withAuthContext(
  stageConfig(app.node.tryGetContext('stage') as string | undefined),
  (key) => app.node.tryGetContext(key),
);

new ApiStack(app, `ExpressLambdaApi-${stage.name}`, {
  stage,
  codeDirectory: path.resolve(__dirname, '..', '..', 'dist'),
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION,
  },
});
Tags.of(app).add('project', 'express-lambda-api');
Tags.of(app).add('stage', stage.name);
// cdk-nag's AWS Solutions pack checks every synth; findings kept by design are acknowledged,
// with reasons, in ApiStack.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
