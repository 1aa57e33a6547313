/**
 * `npm run token`: mints a bearer token the local server accepts, signed with the same key
 * (JWT_SECRET, or the one generated into DATA_DIR by the first `npm run dev`). Prints only the
 * token, so `export TOKEN=$(npm run -s token)` works.
 *
 *   npm run -s token                       every write scope of openapi.yaml, subject dev, 12 h
 *   npm run -s token -- --scope ''         no scope: reads only
 *   npm run -s token -- --sub alice --ttl 15m --scope 'items:write other:scope'
 */
import { parseArgs } from 'node:util';
import { loadOrCreateLocalSecret } from '../app/config/local-secret';
import { mintToken } from '../app/auth/mint-token';
import { ConfigError, loadConfig } from '../app/config';
import { declaredScopes } from '../app/openapi/scopes';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', default: declaredScopes().join(' ') },
      sub: { type: 'string', default: 'dev' },
      ttl: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      `usage: npm run -s token -- [--scope "${declaredScopes().join(' ')}"] [--sub dev] [--ttl 12h]`,
    );
    return;
  }
  const config = loadConfig();
  if (config.env === 'production' || config.auth.jwksUrl || config.auth.jwksUrlParam) {
    throw new Error(
      'tokens for this configuration come from its issuer (JWKS); npm run token signs local keys only',
    );
  }
  if (config.auth.secretId) {
    throw new Error('JWT_SECRET_ID is set: the key is in Secrets Manager; set JWT_SECRET to mint');
  }
  if (!/^\d+\s*(s|m|h|d)$/.test(values.ttl)) {
    throw new Error(`--ttl ${values.ttl}: use a duration such as 15m, 12h or 7d`);
  }
  const token = await mintToken({
    secret: config.auth.secret ?? loadOrCreateLocalSecret(config.storage.dataDir, 'jwt-secret'),
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    subject: values.sub,
    scopes: values.scope.split(/\s+/).filter((s) => s.length > 0),
    expiresIn: values.ttl,
  });
  console.log(token);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `token: ${(err as Error).message}`);
  process.exit(1);
});
