import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';

/**
 * The building blocks of every configuration schema (the API's in schema.ts, the
 * authorizer's in auth.ts) and the one way they are parsed: `parseEnv`, which fails fast with
 * an error naming each bad variable. zod/mini (the tree-shakable build of zod) keeps this out
 * of the cold-start budget.
 */

z.config(en());

export const int = (min: number, max?: number) =>
  z.coerce.number().check(z.int(), z.gte(min), ...(max === undefined ? [] : [z.lte(max)]));

export const text = (pattern?: RegExp, message?: string) =>
  z.string().check(z.minLength(1), ...(pattern ? [z.regex(pattern, message)] : []));

export const bool = z.pipe(
  z.enum(['true', 'false', '1', '0']),
  z.transform((v) => v === 'true' || v === '1'),
);

/** A comma-separated list whose every entry must match `item`. */
export const list = (item: RegExp, message: string) =>
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
    .check(z.refine((values: string[]) => values.every((v) => item.test(v)), message));

export const tableName = text(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name');
export const secretId = text(/^[\w/+=.@:-]{1,2048}$/, 'must be a secret name or ARN');

/** What every program reads: which environment it runs in, and how much it logs. */
export const runtimeShape = {
  NODE_ENV: z._default(z.enum(['development', 'test', 'production']), 'development'),
  LOG_LEVEL: z._default(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
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
 * Parses the environment with `schema`, then runs each cross-field rule on the parsed values.
 * Empty strings mean "unset": `FOO= npm run dev` should not fail validation.
 */
export function parseEnv<S extends z.ZodMiniType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  rules: ((values: z.output<S>, report: Report) => void)[] = [],
): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = z.safeParse(schema, cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'} ${issue.message}`),
    );
  }
  const problems: string[] = [];
  for (const rule of rules)
    rule(parsed.data, (variable, message) => problems.push(`${variable} ${message}`));
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
