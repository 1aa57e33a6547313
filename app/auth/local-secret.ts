import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The HS256 key for local use: generated once into DATA_DIR (mode 0600) and then shared by
 * `npm run dev` (which verifies tokens with it) and `npm run token` (which signs them).
 * Never used on Lambda: there the key comes from Secrets Manager or the issuer's JWKS.
 */
export function loadOrCreateLocalSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': if two processes race, the second one reads the first one's key.
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readFileSync(file, 'utf8').trim();
}
