import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';

export const REDACTED = '[redacted]';

/**
 * Fields whose values never reach a log line: credential and cookie headers wherever this code
 * logs headers (request, response, errors that carry them) and the secret fields of the config.
 * Explicit paths only: pino's wildcard paths (`*.headers.cookie`) cost 70–230 µs per line
 * (measured), more than the rest of a warm request. Values are also scrubbed (see `scrub`).
 */
const HEADER_NAMES = [
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  '["set-cookie"]',
  '["Set-Cookie"]',
  '["x-api-key"]',
];
const HEADER_HOLDERS = ['headers', 'req.headers', 'res.headers', 'err.headers', 'detail.headers'];
export const REDACT_PATHS = [
  ...HEADER_HOLDERS.flatMap((holder) => HEADER_NAMES.map((name) => `${holder}.${name}`)),
  'cookies',
  'req.cookies',
  'config.cursorSecret',
  'config.auth.secret',
  'cursorSecret',
  'auth.secret',
];

/**
 * A JWT (three base64url parts) or a bearer credential, wherever it appears in a line.
 *
 * Linear in the line, whatever it holds (the logged path is the client's): a JWT may only
 * start where a run of base64url characters starts (the look-behind), so a run such as
 * `eyJeyJeyJ…` is tried once, not once per `eyJ` (which made redaction quadratic: 15 KB of
 * `eyJ` took 269 ms); and each part is consumed atomically (`(?=(x*))\1`: a look-ahead
 * captures the whole run, the back-reference consumes it, nothing is given back), so a
 * failed attempt never re-scans its run. Each run is thus examined by at most three
 * attempts. The credential branch is linear as it stands: `\s+` and the token class share no
 * character, so backtracking between them fails at once.
 */
export const TOKEN_PATTERN =
  /(?<![\w-])eyJ(?=([\w-]*))\1\.(?=([\w-]*))\2\.(?=([\w-]*))\3|\b(?:Bearer|Basic)\s+[\w\-.~+/]{8,}=*/gi;

/**
 * The longest client-supplied string (a path, a request id) a log line carries. Longer ones
 * are cut, with a note of how much was dropped: a line's cost (serialising, scrubbing, the
 * synchronous write) must not grow with what a client sends. The request target itself is
 * refused past 4096 bytes (app/http/request-target.ts); this bounds the rest.
 */
export const MAX_LOGGED_STRING = 512;

/** `value`, cut to MAX_LOGGED_STRING characters for a log line. */
export function forLog(value: string): string;
export function forLog(value: string | undefined): string | undefined;
export function forLog(value: string | undefined): string | undefined {
  if (value === undefined || value.length <= MAX_LOGGED_STRING) return value;
  return `${value.slice(0, MAX_LOGGED_STRING)}…[${value.length - MAX_LOGGED_STRING} more]`;
}
/** Secret values shorter than this are not scrubbed (they would match ordinary text). */
const MIN_SECRET_LENGTH = 8;

const SECRETS = Symbol('logger.secretValues');
type WithSecrets = Logger & { [SECRETS]?: Set<string> };

export interface LoggerOptions {
  /** Where lines go: stdout (fd 1, synchronous, as Lambda expects) unless given (tests, pretty). */
  destination?: DestinationStream;
}

/**
 * The one logger: pino, JSON lines, level from LOG_LEVEL, `level` as a label (Lambda's
 * log-level filtering reads it). Two layers keep credentials out of the logs:
 * - by field: REDACT_PATHS, whatever the value;
 * - by value: every line is scrubbed of the secret values registered with `hideInLogs`
 *   (this config's cursor and token keys, and those read later from Secrets Manager), of JWTs
 *   and of `Bearer ...` credentials, wherever they appear (an error message, a URL...).
 *   The check is two `includes` and one regex test per line when nothing matches.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'cursorSecret' | 'auth'>>,
  options: LoggerOptions = {},
): Logger {
  const secrets = new Set<string>();
  const logger = pino(
    {
      level: config.logLevel,
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: (line) => scrub(line, secrets) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  ) as WithSecrets;
  logger[SECRETS] = secrets;
  hideInLogs(logger, config.cursorSecret, config.auth?.secret);
  return logger;
}

/** Registers secret values (e.g. keys read at start-up) to be replaced in every later line. */
export function hideInLogs(logger: Logger, ...values: (string | undefined)[]): void {
  // Child loggers inherit the set from their root through the prototype chain.
  const secrets = (logger as WithSecrets)[SECRETS];
  for (const value of values) {
    if (secrets && value !== undefined && value.length >= MIN_SECRET_LENGTH) {
      secrets.add(value);
      // As it would appear inside a JSON string, if it holds characters JSON escapes.
      secrets.add(JSON.stringify(value).slice(1, -1));
    }
  }
}

function scrub(line: string, secrets: Set<string>): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  TOKEN_PATTERN.lastIndex = 0;
  return TOKEN_PATTERN.test(out) ? out.replace(TOKEN_PATTERN, REDACTED) : out;
}
