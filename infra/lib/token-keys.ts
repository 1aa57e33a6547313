import { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { defaultIssuer, type StageConfig } from './stages';

/**
 * Where bearer tokens' keys come from (app/auth, app/config/auth.ts): by default an HS256 key that
 * Secrets Manager generates (the value never appears in code, the template or an environment
 * variable: the function gets its ARN in JWT_SECRET_ID and reads it once per container); with
 * `stage.auth.jwksUrl`, an external issuer's JWKS (JWKS_URL) and no secret at all.
 *
 * Minting a token for the generated key (an operator, for tests or tooling):
 *
 *   export JWT_SECRET=$(aws secretsmanager get-secret-value --secret-id <JwtSecretArn output> \
 *     --query SecretString --output text)
 *   JWT_ISSUER=<JwtIssuer output> npm run -s token -- --sub ops --scope items:write --ttl 15m
 *
 * i.e. HS256 over the secret string, with `iss` = the issuer, a `sub`, an `exp`, and `scope`
 * "items:write" for writes (reads need no scope).
 */
export class TokenKeys extends Construct {
  /** The generated HS256 key; undefined when tokens come from a JWKS. */
  readonly secret?: Secret;
  readonly issuer: string;
  /** The token settings, as the app's environment variables (references only, no values). */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    const { stage } = props;
    const auth = stage.auth ?? {};
    this.issuer = auth.issuer ?? defaultIssuer(stage);
    const source: Record<string, string> = {};
    if (auth.jwksUrl !== undefined) {
      source.JWKS_URL = auth.jwksUrl;
    } else {
      this.secret = new Secret(this, 'JwtSecret', {
        description: `HS256 key for bearer tokens (express-lambda-api ${stage.name})`,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        // Kept with the stage's data: tokens minted for a retained stage stay verifiable.
        removalPolicy: stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      // A reference to the secret, never its value.
      source.JWT_SECRET_ID = this.secret.secretArn;
    }
    this.environment = {
      ...source,
      JWT_ISSUER: this.issuer,
      ...(auth.audience === undefined ? {} : { JWT_AUDIENCE: auth.audience }),
      // Without an audience the app demands the explicit opt-out: implied with the generated
      // key (a token signed with it was minted for this API and no other).
      ...(auth.audience === undefined && (auth.skipAudience || this.secret)
        ? { JWT_SKIP_AUDIENCE: 'true' }
        : {}),
      ...(auth.scopePrefix === undefined ? {} : { JWT_SCOPE_PREFIX: auth.scopePrefix }),
    };
  }

  /** Read access to the key (GetSecretValue, DescribeSecret on this secret only), if any. */
  grantRead(grantee: IGrantable): void {
    this.secret?.grantRead(grantee);
  }
}
