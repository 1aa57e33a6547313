import * as z from 'zod/mini';

/**
 * The building blocks of every configuration schema (the API's in schema.ts, the
 * authorizer's in auth.ts) and the one way they are parsed: `parseEnv`, which fails fast with
 * an error naming each bad variable. zod/mini (the tree-shakable build of zod) keeps this out
 * of the cold-start budget.
 *
 * Each building block says, in words, what it accepts, and that phrase is the whole message
 * about a bad value: `PORT must be an integer from 0 to 65535, got "abc"`. zod's own wording
 * never reaches the user, whichever check failed.
 */

interface Accepted {
  /** What the field accepts, completing "VARIABLE must be ...". */
  phrase: string;
  /** A key: a bad value is described by its length, never shown. */
  secret: boolean;
}

const accepted = new WeakMap<object, Accepted>();

/** Records what `schema` accepts, for parseEnv's message about a bad value. */
function accepts<T extends z.ZodMiniType>(schema: T, phrase: string, secret = false): T {
  accepted.set(schema, { phrase, secret });
  return schema;
}

/** What a field accepts, looking through the optional/default wrappers around it. */
function acceptedBy(field: z.ZodMiniType | undefined): Accepted | undefined {
  for (let s = field; s; s = (s._zod.def as { innerType?: z.ZodMiniType }).innerType) {
    const found = accepted.get(s);
    if (found) return found;
  }
  return undefined;
}

/** A whole number written in decimal digits: `0x10`, `1e3`, `1.0` and ` ` are refused. */
export const int = (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  accepts(
    z.pipe(
      z.string().check(
        z.refine((v) => {
          const n = Number(v);
          return /^\d+$/.test(v.trim()) && Number.isSafeInteger(n) && n >= min && n <= max;
        }),
      ),
      z.transform((v: string) => Number(v)),
    ),
    max === Number.MAX_SAFE_INTEGER
      ? `an integer of at least ${min}`
      : `an integer from ${min} to ${max}`,
  );

export const text = (pattern?: RegExp, phrase = 'a non-empty value') =>
  accepts(z.string().check(z.minLength(1), ...(pattern ? [z.regex(pattern)] : [])), phrase);

export const oneOf = <const T extends readonly [string, ...string[]]>(...values: T) =>
  accepts(z.enum(values), `one of ${values.join(', ')}`);

export const bool = accepts(
  z.pipe(
    z.enum(['true', 'false', '1', '0']),
    z.transform((v) => v === 'true' || v === '1'),
  ),
  'true or false (or 1 or 0)',
);

export const url = (phrase: string, protocol?: RegExp) =>
  accepts(z.url(protocol ? { protocol } : undefined), phrase);

/** A key (HMAC, HS256): at least `minLength` characters; a bad one is never echoed. */
export const key = (minLength: number) =>
  accepts(
    z.string().check(z.minLength(minLength)),
    `a key of at least ${minLength} characters`,
    true,
  );

/** A comma-separated list whose every entry must match `item`. */
export const list = (item: RegExp, phrase: string) =>
  accepts(
    z
      .pipe(
        z.string(),
        z.transform((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0),
        ),
      )
      .check(z.refine((values: string[]) => values.every((v) => item.test(v)))),
    phrase,
  );

export const tableName = text(
  /^[A-Za-z0-9_.-]{3,255}$/,
  'a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -)',
);
export const secretId = text(/^[\w/+=.@:-]{1,2048}$/, 'a Secrets Manager secret name or ARN');

/** What every program reads: which environment it runs in, and how much it logs. */
export const runtimeShape = {
  NODE_ENV: z._default(oneOf('development', 'test', 'production'), 'development'),
  LOG_LEVEL: z._default(
    oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
    'info',
  ),
};

export type Environment = 'development' | 'test' | 'production';

/** A cross-field rule's way to report a problem: the variable it names, and what is wrong. */
export type Report = (variable: string, message: string) => void;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * `PORT must be an integer from 0 to 65535, got "abc"`: the variable, what it accepts, and the
 * value (cut at 80 characters; a key only by its length).
 */
function badValue(variable: string, field: z.ZodMiniType | undefined, value = ''): string {
  const rule = acceptedBy(field);
  const got = rule?.secret
    ? `${value.length} characters`
    : JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  return `${variable} must be ${rule?.phrase ?? 'a valid value'}, got ${got}`;
}

/**
 * Parses the environment with `schema`, then runs each cross-field rule on the parsed values.
 * Empty strings mean "unset": `FOO= npm run dev` should not fail validation.
 */
export function parseEnv<S extends z.ZodMiniObject>(
  schema: S,
  env: NodeJS.ProcessEnv,
  rules: ((values: z.output<S>, report: Report) => void)[] = [],
): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = z.safeParse(schema, cleaned);
  if (!parsed.success) {
    const fields = schema.shape as Record<string, z.ZodMiniType | undefined>;
    const variables = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
    throw new ConfigError([...variables].map((v) => badValue(v, fields[v], cleaned[v])));
  }
  const problems: string[] = [];
  for (const rule of rules)
    rule(parsed.data, (variable, message) => problems.push(`${variable} ${message}`));
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
