import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The keys for local use, each generated once into DATA_DIR (mode 0600), so that no key is a
 * constant anyone can read in this repository:
 * - `jwt-secret`, the HS256 token key, shared by `npm run dev` (which verifies tokens with
 *   it) and `npm run token` (which signs them);
 * - `cursor-secret`, which signs list cursors, so cursors stay valid across restarts.
 * Never used on Lambda: there the keys come from Secrets Manager or the issuer's JWKS.
 */
export type LocalSecret = 'jwt-secret' | 'cursor-secret';

export function loadOrCreateLocalSecret(dataDir: string, name: LocalSecret): string {
  const file = path.resolve(dataDir, name);
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
