/** The token seam: which bearer token the load sends. */
import { isLoopback, localDevToken } from '../lib/dev-token';

interface TokenSource {
  /** --token, when given. */
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** The server under load. */
  baseUrl: URL;
  /** The server's DATA_DIR when this script knows it (--spawn): where a local secret lives. */
  dataDir?: string;
}

/**
 * The bearer token sent with every request, or undefined to send none: --token, else
 * API_TOKEN, else (a loopback server) a dev token signed with the local key that
 * `npm run dev` keeps in DATA_DIR (default .data), exactly what `npm run token` prints.
 */
export async function resolveToken(source: TokenSource): Promise<string | undefined> {
  const token = (source.flag ?? source.env.API_TOKEN)?.trim();
  if (token) return token;
  if (!isLoopback(source.baseUrl)) return undefined;
  return localDevToken(source.env, { dataDir: source.dataDir, subject: 'load' });
}
