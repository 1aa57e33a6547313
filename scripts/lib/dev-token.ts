import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mintToken } from '../../app/auth/mint-token';
import { loadConfig } from '../../app/config';
import { declaredScopes } from '../../app/openapi/scopes';

/**
 * A write token for a local server (every scope the contract declares): signed with the key `npm run dev` keeps in DATA_DIR
 * (default .data) or JWT_SECRET, as `npm run token` prints. Undefined when there is no local
 * key yet (the server has never run) or the configuration uses an issuer's keys.
 */
export async function localDevToken(
  env: NodeJS.ProcessEnv,
  options: { dataDir?: string; subject?: string } = {},
): Promise<string | undefined> {
  const config = loadConfig({ ...env, ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) });
  let secret = config.auth.secret;
  if (secret === undefined) {
    try {
      secret = readFileSync(path.resolve(config.storage.dataDir, 'jwt-secret'), 'utf8').trim();
    } catch {
      return undefined;
    }
  }
  return mintToken({
    secret,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    subject: options.subject ?? 'dev',
    scopes: declaredScopes(),
    expiresIn: '1h',
  });
}

/** True for the loopback hosts a local server listens on. */
export function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
