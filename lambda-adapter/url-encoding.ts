/** Characters that may appear literally in an encoded URL path (RFC 3986 pchar plus '/'). */
const PATH_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/**
 * For paths that arrive percent-encoded (REST, Function URL, ALB): kept byte for byte, except
 * characters that can never be literal in a path (space, '?', '#', non-ASCII, a bare '%'),
 * which are encoded so they cannot be re-read as URL syntax.
 */
export function keepEncodedPath(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] as string;
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(path.slice(i + 1, i + 3))) out += ch;
    else if (PATH_SAFE.test(ch)) out += ch;
    else out += encodeURIComponent(ch === '%' ? '%' : ch);
  }
  return out;
}

/**
 * For paths that arrive decoded (HTTP APIs): every segment is encoded again, so a decoded
 * '?', '#', '%' or space stays part of the path. A decoded '%2F' is indistinguishable from
 * '/' by then; that is an HTTP API limitation (documented in the README).
 */
export function encodeDecodedPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Query from already-decoded key/value lists (REST and HTTP API payload 1.0). */
export function encodeQuery(params: Record<string, (string | undefined)[] | undefined>): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(params)) {
    for (const value of values ?? []) {
      if (value === undefined) continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
  }
  return parts.join('&');
}

/** Query from raw, still-encoded key/value lists (ALB passes them through untouched). */
export function joinRawQuery(params: Record<string, (string | undefined)[] | undefined>): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(params)) {
    for (const value of values ?? []) if (value !== undefined) parts.push(`${key}=${value}`);
  }
  return parts.join('&');
}

/** Removes `prefix` from the start of `path` when it is a whole-segment prefix. */
export function stripPrefix(
  path: string,
  prefix: string | undefined,
): { path: string; stripped: string } {
  if (!prefix) return { path, stripped: '' };
  if (path === prefix) return { path: '/', stripped: prefix };
  if (path.startsWith(`${prefix}/`)) return { path: path.slice(prefix.length), stripped: prefix };
  return { path, stripped: '' };
}
