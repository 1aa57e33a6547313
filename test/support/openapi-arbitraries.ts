import * as fc from 'fast-check';
import {
  flatten,
  HTTP_METHODS,
  isBearer,
  templatePattern,
  type HttpMethod,
  type Operation,
  type Parameter,
  type Schema,
} from './openapi-operations';
import { codePointText, invalidValue, validValue } from './openapi-value-arbitraries';
import type { HttpRequest } from './transport';

/**
 * fast-check arbitraries of HTTP requests derived from an OpenAPI 3.0 document, so a
 * property-based test generates them from the contract itself, never from shapes restated by
 * hand: each operation's path, query and header parameters, credentials and request body,
 * valid (conforming to the schemas) and mutated (wrong types, out of range, extra or missing
 * properties, malformed JSON, odd content types, junk ids and tokens), plus requests outside
 * the contract (unknown routes, undeclared methods).
 *
 * Whether a generated request really conforms is not taken from how it was generated: see
 * openapi-conformance.ts (`classifyRequest`), which checks the resolved request with ajv.
 */

/**
 * A parameter value in a plan: a decoded string (encoded when sent), `raw` text sent verbatim
 * (possibly malformed percent-encoding), or a symbol the test resolves against the live state
 * at run time (e.g. "the id of an item that exists", "its current ETag").
 */
export type PlanValue = string | { raw: string } | { sym: string; pick: number };
export type ResolvedValue = Exclude<PlanValue, { sym: string }>;

export interface RequestPlan<V = PlanValue> {
  /** The operation it targets, or `off-contract` (a path or method the spec does not have). */
  operation: string;
  method: HttpMethod;
  /** The path template (or, off-contract, a literal path). */
  template: string;
  path: Record<string, V>;
  query: [string, V][];
  headers: [string, V][];
  body?: PlanBody;
  /** What was changed from a valid request (for people reading a counterexample). */
  mutations: string[];
}

export type ResolvedPlan = RequestPlan<ResolvedValue>;

/**
 * A request body: `json` is serialised, `text` sent verbatim, `repeated` expanded (so a huge
 * or deeply nested body reads short in a counterexample, and shrinks by its count).
 */
export interface PlanBody {
  contentType?: string;
  json?: unknown;
  text?: string;
  repeated?: Repeated;
}

/** `head + open × times + core + close × times + tail`. */
export interface Repeated {
  head: string;
  open: string;
  core: string;
  close: string;
  tail: string;
  times: number;
}

/** The body as sent (undefined when there is none). */
export function bodyText(body: PlanBody | undefined): string | undefined {
  if (!body) return undefined;
  if (body.text !== undefined) return body.text;
  const r = body.repeated;
  if (r) return r.head + r.open.repeat(r.times) + r.core + r.close.repeat(r.times) + r.tail;
  return JSON.stringify(body.json);
}

export interface SymbolSource {
  sym: string;
  weight: number;
}

export interface PlanOptions {
  /**
   * Symbols offered for a parameter, by `in:name` (name lower-cased), e.g. `path:id` ->
   * `[{ sym: 'live-id', weight: 3 }]`. They are mixed with schema-generated values.
   */
  symbols?: Record<string, SymbolSource[]>;
  /** Bodies over this many bytes are generated now and then (the server's body limit). */
  oversizeBytes?: number;
}

function paramKey(p: Parameter): string {
  return `${p.in}:${p.name.toLowerCase()}`;
}

/** Header values as a client can send them: printable ASCII, no surrounding whitespace. */
function headerSafe(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '').trim();
}

function serialised(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function paramValue(p: Parameter, options: PlanOptions): fc.Arbitrary<PlanValue> {
  let literal = validValue(p.schema ?? {}).map(serialised);
  if (p.in === 'header') literal = literal.map(headerSafe).filter((v) => v.length > 0);
  const symbols = options.symbols?.[paramKey(p)] ?? [];
  if (!symbols.length) return literal;
  return fc.oneof(
    { weight: 2, arbitrary: literal },
    ...symbols.map(({ sym, weight }) => ({
      weight,
      arbitrary: fc.record({ sym: fc.constant(sym), pick: fc.nat() }),
    })),
  );
}

function invalidParamValue(p: Parameter): fc.Arbitrary<PlanValue> {
  const schema = p.schema ?? {};
  const bad = invalidValue(schema).map(serialised);
  if (p.in === 'header') return bad.map(headerSafe).filter((v) => v.length > 0);
  if (p.in !== 'path') return bad;
  return fc.oneof(
    // Empty or dot segments would address another route (or be normalised away): not junk ids.
    { weight: 4, arbitrary: bad.filter((v) => v !== '' && v !== '.' && v !== '..') },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2e%2e', '%ff%fe')
        .map((raw) => ({ raw })),
    },
  );
}

function validPlan(op: Operation, options: PlanOptions): fc.Arbitrary<RequestPlan> {
  const params = (where: Parameter['in']) => op.parameters.filter((p) => p.in === where);
  const group = (where: Parameter['in']) => {
    const list = params(where);
    return fc
      .record(Object.fromEntries(list.map((p) => [p.name, paramValue(p, options)])), {
        requiredKeys: list.filter((p) => p.required).map((p) => p.name),
        noNullPrototype: true,
      })
      .map((values) => Object.entries(values) as [string, PlanValue][]);
  };
  const content = Object.entries(op.requestBody?.content ?? {});
  const body: fc.Arbitrary<RequestPlan['body']> = content.length
    ? fc.oneof(
        ...content.map(([mediaType, { schema }]) =>
          fc.record({
            contentType: fc.constantFrom(mediaType, `${mediaType}; charset=utf-8`),
            json: validValue(schema ?? {}),
          }),
        ),
      )
    : fc.constant(undefined);
  return fc
    .record({
      path: group('path').map((entries) => Object.fromEntries(entries)),
      query: group('query'),
      headers: group('header'),
      body: op.requestBody?.required ? body : fc.option(body, { nil: undefined, freq: 4 }),
    })
    .map((parts) => ({
      operation: op.id,
      method: op.method,
      template: op.template,
      ...parts,
      mutations: [],
    }));
}

const ODD_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json; charset=iso-8859-1',
  'application/jsonx',
  'json',
  '*/*',
];

/** Marks the spot in a serialised body where a literal JSON fragment goes. */
const MARK = 'fuzz-mark-0b1e';

/** A valid `schema` value (an object when the schema is one) and its own property schemas. */
function objectParts(schema: Schema) {
  const s = flatten(schema);
  const props = Object.entries(s.properties ?? {}).map(([name, p]) => [name, flatten(p)] as const);
  const object = validValue(schema).map((v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {},
  );
  return { props, object };
}

/** `{...object, name: <fragment>}` as text: the fragment is raw JSON (or not JSON at all). */
function withFragment(object: Record<string, unknown>, name: string, fragment: string): string {
  return JSON.stringify({ ...object, [name]: MARK }).replace(`"${MARK}"`, fragment);
}

/** Text that opens an object holding `object`'s other properties, then `"name":`. */
function openWith(object: Record<string, unknown>, name: string): string {
  const { [name]: _omitted, ...rest } = object;
  const text = JSON.stringify(rest);
  return `${text === '{}' ? '{' : `${text.slice(0, -1)},`}${JSON.stringify(name)}:`;
}

const repeated = (
  parts: fc.Arbitrary<Omit<Repeated, 'times'>>,
  min: number,
  max: number,
): fc.Arbitrary<Pick<PlanBody, 'repeated'>> =>
  fc.tuple(parts, fc.integer({ min, max })).map(([r, times]) => ({ repeated: { ...r, times } }));

/**
 * Bodies for `schema` that are not what it asks for, made from valid ones: broken JSON
 * (truncated, doubled, trailing comma, duplicate key), literals JSON allows but a server may
 * choke on (1e400, -0, lone surrogates, a byte order mark), deep nesting and long arrays (the
 * stack and the validators' time), and a body over the size limit.
 */
function junkBody(
  schema: Schema,
  options: PlanOptions,
): fc.Arbitrary<Pick<PlanBody, 'text' | 'repeated'>> {
  const { props, object } = objectParts(schema);
  const valid = validValue(schema).map((v) => JSON.stringify(v));
  const names = props.map(([name]) => name);
  const ofType = (...types: string[]) =>
    props.filter(([, p]) => p.type !== undefined && types.includes(p.type)).map(([n]) => n);
  const strings = ofType('string');
  const numbers = ofType('number', 'integer');
  const arrays = props.filter(([, p]) => p.type === 'array');
  const texts: fc.Arbitrary<string>[] = [
    codePointText(0, 30),
    fc.json({ maxDepth: 2 }),
    fc.constantFrom('', 'null', '{', '[', '"'),
    valid.map((j) => j.slice(0, Math.max(1, j.length - 1))),
    valid.map((j) => j + j),
    valid.map((j) => `\ufeff${j}`),
    valid.filter((j) => j.length > 2 && j.endsWith('}')).map((j) => `${j.slice(0, -1)},}`),
  ];
  if (names.length) {
    texts.push(
      fc
        .tuple(object, fc.constantFrom(...names), fc.jsonValue({ maxDepth: 1 }))
        .map(
          ([o, name, v]) =>
            `{${JSON.stringify(name)}:${JSON.stringify(v)},${JSON.stringify(o).slice(1)}`,
        )
        .map((j) => j.replace(/,}$/, '}')),
    );
  }
  if (strings.length) {
    texts.push(
      fc
        .tuple(object, fc.constantFrom(...strings), fc.constantFrom('"\\ud800"', '"a\\udfffb"'))
        .map(([o, name, fragment]) => withFragment(o, name, fragment)),
    );
  }
  if (numbers.length) {
    texts.push(
      fc
        .tuple(
          object,
          fc.constantFrom(...numbers),
          fc.constantFrom('1e400', '-1e400', '-0', '1e-400', '0.0000000', '1E+2', '5e-324'),
        )
        .map(([o, name, fragment]) => withFragment(o, name, fragment)),
    );
  }
  const big: fc.Arbitrary<Pick<PlanBody, 'repeated'>>[] = [
    repeated(fc.constant({ head: '', open: '{"a":', core: '1', close: '}', tail: '' }), 2, 5_000),
    repeated(fc.constant({ head: '', open: '[', core: '', close: ']', tail: '' }), 2, 5_000),
  ];
  for (const [name, p] of arrays) {
    const item = validValue(p.items ?? {}).map((v) => JSON.stringify(v) ?? 'null');
    const head = object.map((o) => openWith(o, name));
    big.push(
      repeated(
        fc
          .tuple(head, item)
          .map(([h, core]) => ({ head: h, open: '[', core, close: ']', tail: '}' })),
        2,
        5_000,
      ),
      repeated(
        fc.tuple(head, item).map(([h, core]) => ({
          head: `${h}[`,
          open: `${core},`,
          core,
          close: '',
          tail: ']}',
        })),
        (p.maxItems ?? 20) + 1,
        10_000,
      ),
    );
  }
  if (options.oversizeBytes) {
    const size = options.oversizeBytes;
    const head = strings.length
      ? fc.tuple(object, fc.constantFrom(...strings)).map(([o, name]) => `${openWith(o, name)}"`)
      : fc.constant('"');
    const tail = strings.length ? '"}' : '"';
    big.push(
      repeated(
        head.map((h) => ({ head: h, open: 'x', core: '', close: '', tail })),
        size,
        size * 2,
      ),
    );
  }
  // Broken and odd texts are many and cheap; huge bodies fewer and slow.
  return fc.oneof(
    { weight: 2 * big.length, arbitrary: fc.oneof(...texts).map((text) => ({ text })) },
    ...big.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

/** Every way a valid request to `op` is made invalid (one mutation per request). */
function mutatedPlan(op: Operation, options: PlanOptions): fc.Arbitrary<RequestPlan> {
  const base = validPlan(op, options);
  const mutations: fc.Arbitrary<RequestPlan>[] = [];
  const declared = (where: Parameter['in']) => op.parameters.filter((p) => p.in === where);
  const set = (plan: RequestPlan, p: Parameter, value: PlanValue, note: string): RequestPlan => {
    const mutations = [...plan.mutations, note];
    if (p.in === 'path') return { ...plan, path: { ...plan.path, [p.name]: value }, mutations };
    const list = p.in === 'query' ? plan.query : plan.headers;
    const next: [string, PlanValue][] = [...list.filter(([n]) => n !== p.name), [p.name, value]];
    return p.in === 'query'
      ? { ...plan, query: next, mutations }
      : { ...plan, headers: next, mutations };
  };

  for (const p of op.parameters.filter((x) => x.in !== 'cookie')) {
    mutations.push(
      fc
        .tuple(base, invalidParamValue(p))
        .map(([plan, value]) => set(plan, p, value, `invalid ${p.in} parameter ${p.name}`)),
    );
    if (p.required && p.in !== 'path') {
      mutations.push(
        base.map((plan) => ({
          ...plan,
          query: plan.query.filter(([n]) => p.in !== 'query' || n !== p.name),
          headers: plan.headers.filter(([n]) => p.in !== 'header' || n !== p.name),
          mutations: [...plan.mutations, `missing required ${p.in} parameter ${p.name}`],
        })),
      );
    }
  }
  const query = declared('query');
  const names = new Set(query.map((p) => p.name));
  mutations.push(
    fc
      .tuple(
        base,
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 10 }),
          ...(query.length ? [fc.constantFrom(...query.map((p) => p.name.toUpperCase()))] : []),
        ),
        codePointText(0, 10),
      )
      .filter(([, name]) => !names.has(name))
      .map(([plan, name, value]) => ({
        ...plan,
        query: [...plan.query, [name, value] as [string, PlanValue]],
        mutations: [...plan.mutations, `unknown query parameter ${JSON.stringify(name)}`],
      })),
  );
  const single = query.filter((p) => flatten(p.schema ?? {}).type !== 'array');
  if (single.length) {
    mutations.push(
      fc
        .tuple(
          base,
          fc.constantFrom(...single),
          fc.constantFrom(...single).chain((p) => paramValue(p, options)),
        )
        .map(([plan, p, value]) => ({
          ...plan,
          query: [
            ...plan.query.filter(([n]) => n !== p.name),
            [p.name, value] as [string, PlanValue],
            [p.name, value] as [string, PlanValue],
          ],
          mutations: [...plan.mutations, `repeated query parameter ${p.name}`],
        })),
    );
  }

  const content = Object.entries(op.requestBody?.content ?? {});
  if (content.length) {
    const withBody = base.filter((plan) => plan.body !== undefined);
    for (const [mediaType, { schema }] of content) {
      mutations.push(
        fc.tuple(withBody, invalidValue(schema ?? {})).map(([plan, json]) => ({
          ...plan,
          body: { contentType: mediaType, json },
          mutations: [...plan.mutations, 'invalid body'],
        })),
      );
      mutations.push(
        fc.tuple(withBody, junkBody(schema ?? {}, options)).map(([plan, junk]) => ({
          ...plan,
          body: { contentType: mediaType, ...junk },
          mutations: [...plan.mutations, 'junk body text'],
        })),
      );
    }
    mutations.push(
      fc
        .tuple(withBody, fc.constantFrom(...ODD_CONTENT_TYPES))
        .filter(([, type]) => !content.some(([m]) => m === type))
        .map(([plan, contentType]) => ({
          ...plan,
          body: { ...plan.body, contentType },
          mutations: [...plan.mutations, `content type ${contentType}`],
        })),
    );
    if (op.requestBody?.required) {
      mutations.push(
        base.map((plan) => ({
          ...plan,
          body: undefined,
          mutations: [...plan.mutations, 'no body'],
        })),
      );
    }
  }
  // Credentials matter where a bearer token is asked for, or a 401 is declared.
  if (op.security.some((r) => r.some(({ scheme }) => isBearer(scheme))) || op.responses['401']) {
    mutations.push(
      fc.tuple(base, credentials).map(([plan, value]) => ({
        ...plan,
        headers: [
          ...plan.headers.filter(([n]) => n.toLowerCase() !== 'authorization'),
          ['Authorization', value] as [string, PlanValue],
        ],
        mutations: [...plan.mutations, value === '' ? 'no credentials' : 'other credentials'],
      })),
    );
  }
  return fc.oneof(...mutations);
}

const b64token = fc.stringMatching(/^[A-Za-z0-9\-._~+/]+=*$/, { maxLength: 60 });

/**
 * Authorization values other than the client's own valid token: none at all (`''`: the test
 * client then sends no header), tokens that are not JWTs or not ours, other schemes.
 */
const credentials: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  b64token.map((token) => `Bearer ${token}`),
  fc
    .tuple(b64token, b64token, b64token)
    .map((parts) => `Bearer ${parts.map((p) => p.replace(/[.=]/g, '')).join('.')}`),
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'bearer x.y.z',
    'Basic dXNlcjpwYXNz',
    'Token abc',
    // alg "none", and a header that is not JSON
    'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwic2NvcGUiOiJpdGVtczp3cml0ZSJ9.',
    'Bearer e30.e30.e30',
    'Bearer bm90LWpzb24.e30.c2ln',
    `Bearer ${'a'.repeat(9000)}`,
  ),
  codePointText(1, 30)
    .map(headerSafe)
    .filter((v) => v.length > 0),
);

/** Requests to `op`: valid ones and mutated ones, about half and half. */
export function requestPlan(op: Operation, options: PlanOptions = {}): fc.Arbitrary<RequestPlan> {
  return fc.oneof(validPlan(op, options), mutatedPlan(op, options));
}

/**
 * Requests outside the contract: a method a path does not declare, or a path no template
 * matches (not even case-insensitively, and never one URL normalisation could turn into one).
 */
export function offContractPlan(operations: Operation[]): fc.Arbitrary<RequestPlan> {
  const templates = [...new Set(operations.map((o) => o.template))];
  const wrongMethod = fc
    .constantFrom(...templates)
    .chain((template) => {
      const ops = operations.filter((o) => o.template === template);
      const missing = HTTP_METHODS.filter((m) => !ops.some((o) => o.method === m));
      const pathParams = (ops[0]?.parameters ?? []).filter((p) => p.in === 'path');
      if (!missing.length) return fc.constant(undefined);
      return fc.record({
        method: fc.constantFrom(...missing),
        template: fc.constant(template),
        path: fc.record(
          Object.fromEntries(
            pathParams.map((p) => [p.name, validValue(p.schema ?? {}).map(serialised)]),
          ),
          { noNullPrototype: true },
        ),
      });
    })
    .filter((v) => v !== undefined);
  const matchers = templates.map((t) => templatePattern(t, 'i'));
  const segment = fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom(...templates.flatMap((t) => t.split('/'))),
    )
    .filter((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('{'));
  const unknownPath = fc
    .array(segment, { minLength: 1, maxLength: 4 })
    .map((segments) => `/${segments.map(encodeURIComponent).join('/')}`)
    .filter((path) => !matchers.some((m) => m.test(path)));
  const body = fc.option(
    fc.record({
      contentType: fc.constant('application/json'),
      json: fc.jsonValue({ maxDepth: 2 }),
    }),
    { nil: undefined },
  );
  return fc.oneof(
    fc.tuple(wrongMethod, body).map(([w, b]) => ({
      operation: 'off-contract',
      method: w.method,
      template: w.template,
      path: w.path as Record<string, PlanValue>,
      query: [],
      headers: [],
      body: w.method === 'GET' || w.method === 'HEAD' ? undefined : b,
      mutations: [`method ${w.method} not declared for ${w.template}`],
    })),
    fc.tuple(fc.constantFrom(...HTTP_METHODS), unknownPath, body).map(([method, path, b]) => ({
      operation: 'off-contract',
      method,
      template: path,
      path: {},
      query: [],
      headers: [],
      body: method === 'GET' || method === 'HEAD' ? undefined : b,
      mutations: ['unknown path'],
    })),
  );
}

/** What a symbol may depend on: the path (symbols resolved) and the literal query and headers. */
export interface ResolutionContext {
  path: Record<string, ResolvedValue>;
  query: [string, ResolvedValue][];
  headers: [string, ResolvedValue][];
}

function isSymbol(value: PlanValue): value is { sym: string; pick: number } {
  return typeof value === 'object' && 'sym' in value;
}

/** Replaces every symbol (path parameters first: other symbols may depend on the id). */
export function resolvePlan(
  plan: RequestPlan,
  resolve: (symbol: { sym: string; pick: number }, context: ResolutionContext) => string,
): ResolvedPlan {
  const literals = (list: [string, PlanValue][]) =>
    list.filter((entry): entry is [string, ResolvedValue] => !isSymbol(entry[1]));
  const context: ResolutionContext = {
    path: {},
    query: literals(plan.query),
    headers: literals(plan.headers),
  };
  for (const [name, value] of Object.entries(plan.path)) {
    context.path[name] = isSymbol(value) ? resolve(value, context) : value;
  }
  const one = (value: PlanValue): ResolvedValue =>
    isSymbol(value) ? resolve(value, context) : value;
  return {
    ...plan,
    path: context.path,
    query: plan.query.map(([n, v]) => [n, one(v)]),
    headers: plan.headers.map(([n, v]) => [n, one(v)]),
  };
}

function encoded(value: ResolvedValue): string {
  return typeof value === 'string' ? encodeURIComponent(value) : value.raw;
}

/** The HTTP request a resolved plan stands for. */
export function toHttpRequest(plan: ResolvedPlan): HttpRequest {
  const path = plan.template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = plan.path[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name}`);
    return encoded(value);
  });
  const query = plan.query.map(([n, v]) => `${encodeURIComponent(n)}=${encoded(v)}`).join('&');
  const headers: Record<string, string> = {};
  for (const [name, value] of plan.headers)
    headers[name] = typeof value === 'string' ? value : value.raw;
  let body: string | undefined;
  if (plan.body) {
    if (plan.body.contentType !== undefined) headers['Content-Type'] = plan.body.contentType;
    body = bodyText(plan.body);
  }
  return { method: plan.method, path: query ? `${path}?${query}` : path, headers, body };
}
