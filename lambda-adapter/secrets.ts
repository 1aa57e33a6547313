import { ConfigError, type Config } from '../app/config';

/**
 * Reads a secret through the AWS Parameters and Secrets Lambda Extension (a layer the stack
 * attaches): a local HTTP call to a cache the extension keeps, authorised by the function's
 * session token. It keeps the Secrets Manager client out of the bundle and the cold start.
 */
export async function readSecretFromExtension(secretId: string): Promise<string> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const res = await fetch(
    `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`,
    {
      headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
      signal: AbortSignal.timeout(3000),
    },
  );
  if (!res.ok) throw new Error(`secret ${secretId}: the extension answered ${res.status}`);
  const body = (await res.json()) as { SecretString?: string };
  if (typeof body.SecretString !== 'string') throw new Error(`secret ${secretId} has no string`);
  return body.SecretString;
}

/**
 * Fills in configuration values that live in Secrets Manager. Runs once per container, before
 * the first request; a missing or unusable secret fails the start-up, naming the variable.
 */
export async function resolveSecrets(
  config: Config,
  readSecret: (id: string) => Promise<string> = readSecretFromExtension,
): Promise<Config> {
  if (!config.cursorSecretId) return config;
  let value: string;
  try {
    value = await readSecret(config.cursorSecretId);
  } catch (err) {
    throw new ConfigError([
      `CURSOR_SECRET_ID ${config.cursorSecretId} could not be read: ${(err as Error).message}`,
    ]);
  }
  if (value.length < 32) {
    throw new ConfigError(['CURSOR_SECRET_ID must hold a key of at least 32 characters']);
  }
  return { ...config, cursorSecret: value };
}
