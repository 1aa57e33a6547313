import type { AuthConfig } from './auth';
import { ConfigError } from './fields';
import type { Config } from './index';

/** Reads one value by id: a Secrets Manager secret, or an SSM parameter. */
export interface ParameterReaders {
  secret(id: string): Promise<string>;
  parameter(name: string): Promise<string>;
}

/** Short SDK budgets: this runs inside the first invocation, under its timeout. */
const CLIENT_CONFIG = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 },
};

/**
 * Readers on @aws-lambda-powertools/parameters (which caches values, and whose providers
 * create their SDK clients on first use). Imported on demand: a container that reads no
 * secret never loads the Secrets Manager or SSM client.
 *
 * Keep these imports dynamic: `npm run build` leaves `@aws-sdk/client-secrets-manager` and
 * `@aws-sdk/client-ssm` out of dist/lambda.js (RUNTIME_PROVIDED_CLIENTS in scripts/build.ts)
 * and takes them from the AWS SDK v3 that the Lambda Node.js runtime ships; only behind these
 * imports is their `require` deferred to the first secret read (test/build checks nothing
 * requires them at load). A static import here would load them at every cold start.
 */
export const powertoolsReaders: ParameterReaders = {
  async secret(id) {
    const { SecretsProvider } = await import('@aws-lambda-powertools/parameters/secrets');
    const value = await new SecretsProvider({ clientConfig: CLIENT_CONFIG }).get(id);
    if (typeof value !== 'string') throw new Error('the secret holds no string');
    return value;
  },
  async parameter(name) {
    const { SSMProvider } = await import('@aws-lambda-powertools/parameters/ssm');
    const value = await new SSMProvider({ clientConfig: CLIENT_CONFIG }).get(name, {
      decrypt: true,
    });
    if (typeof value !== 'string') throw new Error('the parameter holds no string');
    return value;
  },
};

/** True when some token setting still has to be read from Secrets Manager or SSM. */
export function authNeedsSecrets(auth: AuthConfig): boolean {
  return Boolean(auth.secretId || auth.jwksUrlParam);
}

/** True when some configuration value still has to be read from Secrets Manager or SSM. */
export function needsSecrets(config: Config): boolean {
  return Boolean(config.cursorSecretId) || authNeedsSecrets(config.auth);
}

async function read(
  variable: string,
  id: string,
  reader: (id: string) => Promise<string>,
): Promise<string> {
  try {
    return (await reader(id)).trim();
  } catch (err) {
    throw new ConfigError([`${variable} ${id} could not be read: ${(err as Error).message}`]);
  }
}

function atLeast32(variable: string, value: string): string {
  if (value.length < 32)
    throw new ConfigError([`${variable} must hold a key of at least 32 characters`]);
  return value;
}

/**
 * Fills in the token settings held in Secrets Manager (JWT_SECRET_ID) or SSM
 * (JWKS_URL_PARAM), in parallel. The API (below) and the gateway authorizer both use it.
 */
export async function resolveAuthSecrets(
  auth: AuthConfig,
  readers: ParameterReaders = powertoolsReaders,
): Promise<AuthConfig> {
  if (!authNeedsSecrets(auth)) return auth;
  const { secretId, jwksUrlParam } = auth;
  const [jwtSecret, jwksUrl] = await Promise.all([
    secretId
      ? read('JWT_SECRET_ID', secretId, readers.secret).then((v) => atLeast32('JWT_SECRET_ID', v))
      : undefined,
    jwksUrlParam ? read('JWKS_URL_PARAM', jwksUrlParam, readers.parameter) : undefined,
  ]);
  if (jwksUrl !== undefined && !/^https:\/\/\S+$/.test(jwksUrl)) {
    throw new ConfigError([`JWKS_URL_PARAM ${jwksUrlParam} must hold an https:// URL`]);
  }
  return { ...auth, secret: jwtSecret ?? auth.secret, jwksUrl: jwksUrl ?? auth.jwksUrl };
}

/**
 * Fills in the configuration values held in Secrets Manager (`*_SECRET_ID`) or SSM
 * (`*_PARAM`), in parallel. Runs once per container, before the first request; a missing or
 * unusable value fails the start-up with an error naming the variable.
 */
export async function resolveSecrets(
  config: Config,
  readers: ParameterReaders = powertoolsReaders,
): Promise<Config> {
  if (!needsSecrets(config)) return config;
  const { cursorSecretId } = config;
  const [cursorSecret, auth] = await Promise.all([
    cursorSecretId
      ? read('CURSOR_SECRET_ID', cursorSecretId, readers.secret).then((v) =>
          atLeast32('CURSOR_SECRET_ID', v),
        )
      : undefined,
    resolveAuthSecrets(config.auth, readers),
  ]);
  return { ...config, cursorSecret: cursorSecret ?? config.cursorSecret, auth };
}
