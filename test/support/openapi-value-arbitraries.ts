import * as fc from 'fast-check';
import { flatten, type Schema } from './openapi-operations';

/**
 * fast-check arbitraries for the values a JSON schema (an OpenAPI 3.0 Schema Object) allows,
 * and for values that break it in one way. Callers check both with ajv
 * (openapi-conformance.ts): what this file understands of a schema is a means, not the judge.
 */

/** One code point per unit (ajv counts minLength/maxLength in code points). */
const codePoint: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\u0000',
      '\u00a0',
      '\u200b',
      '\u2028',
      '\ufeff',
      '"',
      '\\',
      '%',
      '\u{1f600}',
    ),
  },
);

const WHITESPACE = [' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u2028', '\u3000', '\ufeff'];

function codePointLength(s: string): number {
  return [...s].length;
}

export function codePointText(minLength = 0, maxLength = minLength + 40): fc.Arbitrary<string> {
  // Mostly short strings; now and then exactly the bounds, where off-by-one bugs live.
  return fc.oneof(
    { weight: 8, arbitrary: fc.string({ unit: codePoint, minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: codePoint, minLength, maxLength: minLength }) },
    { weight: 1, arbitrary: fc.string({ unit: codePoint, minLength: maxLength, maxLength }) },
  );
}

function isAnchored(pattern: string): boolean {
  return pattern.startsWith('^') || pattern.endsWith('$');
}

function formatted(format: string | undefined): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date-time':
      return fc
        .date({ min: new Date(0), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date(0), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uri':
      return fc.webUrl();
    case 'email':
      return fc.emailAddress();
    default:
      return undefined;
  }
}

function validString(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 0) + 40;
  const inBounds = (v: string) => {
    const n = codePointLength(v);
    return n >= min && n <= max;
  };
  const byFormat = formatted(s.format);
  if (byFormat) return byFormat.filter(inBounds);
  if (s.pattern === undefined) return codePointText(min, max);
  const re = new RegExp(s.pattern, 'u');
  const matching = fc.stringMatching(re, { maxLength: max });
  if (isAnchored(s.pattern)) return matching.filter(inBounds);
  // An unanchored pattern still matches with anything around a match: wrap matches in
  // arbitrary text, so the whole alphabet (and the length bounds) get exercised.
  return fc
    .oneof(
      matching,
      fc
        .tuple(codePointText(0, max), matching, codePointText(0, max))
        .map(([before, match, after]) => before + match + after),
    )
    .map((v) => (codePointLength(v) > max ? [...v].slice(0, max).join('') : v))
    .filter((v) => inBounds(v) && re.test(v));
}

function bounds(s: Schema): { min: number; max: number } {
  return {
    min: s.minimum ?? (s.type === 'integer' ? Number.MIN_SAFE_INTEGER : -Number.MAX_VALUE),
    max: s.maximum ?? (s.type === 'integer' ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE),
  };
}

function validNumber(s: Schema): fc.Arbitrary<number> {
  const { min, max } = bounds(s);
  const integers = fc.integer({
    min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER),
    max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER),
  });
  let arb =
    s.type === 'integer'
      ? integers
      : fc.oneof(
          integers,
          fc.double({
            min,
            max,
            noNaN: true,
            noDefaultInfinity: true,
            minExcluded: s.exclusiveMinimum === true,
            maxExcluded: s.exclusiveMaximum === true,
          }),
        );
  if (s.type === 'integer' && (s.exclusiveMinimum || s.exclusiveMaximum)) {
    arb = arb.filter((n) => (!s.exclusiveMinimum || n > min) && (!s.exclusiveMaximum || n < max));
  }
  const step = s.multipleOf;
  if (step) arb = arb.map((n) => Math.round(n / step) * step).filter((n) => n >= min && n <= max);
  return arb;
}

/** A key under which two JSON values collide for `uniqueItems` (ajv compares deeply). */
function jsonKey(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

function validArray(s: Schema): fc.Arbitrary<unknown[]> {
  const item = validValue(s.items ?? {});
  const minLength = s.minItems ?? 0;
  const maxLength = s.maxItems ?? minLength + 10;
  const make = (lo: number, hi: number) =>
    s.uniqueItems
      ? fc.uniqueArray(item, { minLength: lo, maxLength: hi, selector: jsonKey })
      : fc.array(item, { minLength: lo, maxLength: hi });
  return fc.oneof(
    { weight: 8, arbitrary: make(minLength, maxLength) },
    { weight: 1, arbitrary: make(maxLength, maxLength) },
  );
}

function validObject(s: Schema): fc.Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, validValue(schema)]),
  );
  return fc.record(model, { requiredKeys: s.required ?? [], noNullPrototype: true });
}

const cache = new WeakMap<Schema, fc.Arbitrary<unknown>>();

/** Values that conform to `schema` (as far as this subset goes; callers check with ajv). */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  const cached = cache.get(schema);
  if (cached) return cached;
  const s = flatten(schema);
  let arb: fc.Arbitrary<unknown>;
  if (s.enum) arb = fc.constantFrom(...s.enum);
  else if (s.oneOf || s.anyOf) arb = fc.oneof(...(s.oneOf ?? s.anyOf ?? []).map(validValue));
  else {
    switch (s.type) {
      case 'string':
        arb = validString(s);
        break;
      case 'number':
      case 'integer':
        arb = validNumber(s);
        break;
      case 'boolean':
        arb = fc.boolean();
        break;
      case 'array':
        arb = validArray(s);
        break;
      case 'object':
        arb = validObject(s);
        break;
      default:
        arb = fc.jsonValue({ maxDepth: 2 });
    }
  }
  if (s.nullable) arb = fc.option(arb, { nil: null, freq: 6 });
  cache.set(schema, arb);
  return arb;
}

/** JSON values of a type other than those the schema allows. */
function otherTypes(s: Schema): fc.Arbitrary<unknown> {
  const candidates: fc.Arbitrary<unknown>[] = [];
  const t = s.type;
  if (t !== 'string')
    candidates.push(codePointText(0, 8), fc.constantFrom('1', 'true', 'null', ''));
  if (t !== 'number' && t !== 'integer') candidates.push(fc.integer(), fc.double({ noNaN: true }));
  if (t === 'integer') candidates.push(fc.double({ noNaN: true, noInteger: true }));
  if (t !== 'boolean') candidates.push(fc.boolean());
  if (t !== 'array') candidates.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));
  if (t !== 'object') {
    candidates.push(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
  }
  if (!s.nullable) candidates.push(fc.constant(null));
  return fc.oneof(...candidates);
}

function invalidString(s: Schema): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  if (s.maxLength !== undefined) {
    out.push(codePointText(s.maxLength + 1, s.maxLength + 20));
  }
  if (s.minLength) out.push(codePointText(0, s.minLength - 1));
  if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern, 'u');
    const blank = fc.string({ unit: fc.constantFrom(...WHITESPACE), maxLength: 5 });
    // Near misses of a match: one character changed, dropped or added, or the case changed.
    const nearMiss = fc
      .tuple(fc.stringMatching(re, { maxLength: s.maxLength ?? 64 }), fc.nat(), codePoint)
      .chain(([match, at, c]) => {
        const i = match.length ? at % match.length : 0;
        return fc.constantFrom(
          match.toUpperCase(),
          match.slice(0, i) + c + match.slice(i + 1),
          match.slice(0, i) + match.slice(i + 1),
          match.slice(0, i) + c + match.slice(i),
        );
      });
    out.push(fc.oneof(blank, nearMiss, codePointText(0, 40)).filter((v) => !re.test(v)));
  }
  if (s.format) out.push(fc.constantFrom(`not-a-${s.format}`, '0', ' '));
  return out;
}

function invalidNumber(s: Schema): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  const { minimum, maximum } = s;
  if (minimum !== undefined) {
    out.push(fc.double({ max: minimum, maxExcluded: !s.exclusiveMinimum, noNaN: true }));
    if (s.type === 'integer') out.push(fc.integer({ min: minimum - 1000, max: minimum - 1 }));
  }
  if (maximum !== undefined) {
    out.push(fc.double({ min: maximum, minExcluded: !s.exclusiveMaximum, noNaN: true }));
    if (s.type === 'integer') out.push(fc.integer({ min: maximum + 1, max: maximum + 1000 }));
  }
  return out;
}

function invalidArray(s: Schema): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  const item = validValue(s.items ?? {});
  if (s.maxItems !== undefined) {
    const n = s.maxItems + 1;
    out.push(
      s.uniqueItems
        ? fc.uniqueArray(item, { minLength: n, maxLength: n + 5, selector: jsonKey })
        : fc.array(item, { minLength: n, maxLength: n + 5 }),
    );
  }
  if (s.minItems) out.push(fc.array(item, { maxLength: s.minItems - 1 }));
  if (s.uniqueItems) {
    out.push(
      fc
        .tuple(fc.array(item, { maxLength: 3 }), item)
        .map(([rest, dup]) => [...rest, dup, dup].slice(-Math.max(2, s.maxItems ?? 2))),
    );
  }
  if (s.items) {
    out.push(
      fc
        .tuple(fc.array(item, { maxLength: 3 }), invalidValue(s.items), fc.nat())
        .map(([rest, bad, at]) => {
          const copy = [...rest];
          copy.splice(at % (copy.length + 1), 0, bad);
          return copy;
        }),
    );
  }
  return out;
}

function invalidObject(s: Schema): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  const props = Object.keys(s.properties ?? {});
  const base = validObject(s);
  const required = s.required ?? [];
  if (required.length) {
    out.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([obj, name]) => {
        const { [name]: _dropped, ...rest } = obj;
        return rest;
      }),
    );
  }
  if (s.additionalProperties === false) {
    const extra = fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      // Near misses of declared names, and names with special meaning to JavaScript.
      ...(props.length ? [fc.constantFrom(...props).map((p) => p.toUpperCase())] : []),
      fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'createdAt', ''),
    );
    out.push(
      fc
        .tuple(
          base,
          extra.filter((name) => !props.includes(name)),
          fc.jsonValue({ maxDepth: 1 }),
        )
        .map(([obj, name, value]) => {
          const copy: Record<string, unknown> = { ...obj };
          // defineProperty, so `__proto__` becomes an own key that JSON.stringify emits.
          Object.defineProperty(copy, name, { value, enumerable: true, writable: true });
          return copy;
        }),
    );
  }
  for (const name of props) {
    const schema = s.properties?.[name];
    if (!schema) continue;
    out.push(fc.tuple(base, invalidValue(schema)).map(([obj, bad]) => ({ ...obj, [name]: bad })));
  }
  return out;
}

const invalidCache = new WeakMap<Schema, fc.Arbitrary<unknown>>();

/**
 * Values that break `schema` in one way: another type, out of range, too long or short, not
 * matching the pattern or the enum, an extra or a missing property, an invalid item.
 */
export function invalidValue(schema: Schema): fc.Arbitrary<unknown> {
  const cached = invalidCache.get(schema);
  if (cached) return cached;
  const s = flatten(schema);
  const candidates: fc.Arbitrary<unknown>[] = [otherTypes(s)];
  if (s.enum) {
    const allowed = s.enum;
    const strings = allowed.filter((v): v is string => typeof v === 'string');
    candidates.push(
      fc
        .oneof(
          codePointText(0, 12),
          ...(strings.length
            ? [
                fc.constantFrom(...strings).map((v) => v.toUpperCase()),
                fc.constantFrom(...strings).map((v) => ` ${v}`),
              ]
            : []),
        )
        .filter((v) => !allowed.includes(v)),
    );
  } else if (s.type === 'string') candidates.push(...invalidString(s));
  else if (s.type === 'number' || s.type === 'integer') candidates.push(...invalidNumber(s));
  else if (s.type === 'array') candidates.push(...invalidArray(s));
  else if (s.type === 'object') candidates.push(...invalidObject(s));
  // Out-of-range and shape errors are the interesting ones; a type error is one of many.
  const arb = fc.oneof(
    { weight: 1, arbitrary: candidates[0] as fc.Arbitrary<unknown> },
    ...candidates.slice(1).map((arbitrary) => ({ weight: 2, arbitrary })),
  );
  invalidCache.set(schema, arb);
  return arb;
}
