import * as fc from 'fast-check';
import { loadSpec } from '../../app/openapi/spec';
import { dereference } from '../../app/openapi/validator-spec';
import {
  bodyText,
  offContractPlan,
  requestPlan,
  resolvePlan,
  toHttpRequest,
  type PlanOptions,
  type RequestPlan,
  type ResolutionContext,
  type ResolvedPlan,
} from '../support/openapi-arbitraries';
import {
  flatten,
  listOperations,
  type OpenApiLike,
  type Operation,
} from '../support/openapi-operations';
import { validValue } from '../support/openapi-value-arbitraries';
import {
  classifyRequest,
  declaredProblemSchema,
  mediaTypeOf,
  responseViolations,
  schemaErrors,
  type Classification,
} from '../support/openapi-conformance';
import { startTestApi, type TestApi } from '../support/test-app';
import type { HttpRequest, HttpResponse } from '../support/transport';

/**
 * Property-based fuzzing of the HTTP contract, through the in-process Express transport.
 * Requests are generated from openapi.yaml (valid ones and mutated ones, see
 * test/support/openapi-arbitraries.ts) and sent one at a time. For every request:
 *  - no 5xx;
 *  - the status is declared for the operation, and the content type, declared headers and
 *    body match what is declared for that status (checked here with ajv, on top of the app's
 *    own response validation, which turns an undeclared response into a 500);
 *  - a request that breaks the contract is refused with a 4xx wherever the operation declares
 *    the refusal (a 400; a 401 for credentials); one outside the contract (unknown route,
 *    undeclared method) gets a 4xx problem;
 *  - a valid request gets the status its target's state calls for (201 for a create; 200,
 *    304, 412 or 404 for a record, tracked in a model of the records this test wrote).
 *
 * The model knows no resource by name: every collection the contract declares (a path with a
 * POST, and `<path>/{id}`) is modelled the same way, so a resource `npm run new:resource` adds
 * is fuzzed with no edit here. Before the random run, each operation is driven from its own
 * generator until it has answered a valid request with a 2xx and an invalid one with a 4xx,
 * so that guarantee holds for every seed.
 *
 * FUZZ_SEED and FUZZ_RUNS (default 500, one HTTP request each) make longer local runs
 * reproducible: FUZZ_RUNS=20000 npx jest test/proof/fuzz.test.ts --selectProjects express.
 * FUZZ_VERBOSE=1 prints what was sent and answered, per operation.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_250_611);
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
/** For the whole property, shrinking included (20-30 ms a request on a busy 2-core box). */
const TIME_LIMIT_MS = Math.max(60_000, RUNS * 100);
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
/** Requests per operation, at most, to reach its valid 2xx and its invalid 4xx. */
const COVERAGE_ATTEMPTS = 200;
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, got ${SEED}`);
if (!Number.isSafeInteger(RUNS) || RUNS < 1) throw new Error(`FUZZ_RUNS must be >= 1`);

const spec = dereference(loadSpec());
const operations = listOperations(spec as unknown as OpenApiLike);
const byId = new Map(operations.map((op) => [op.id, op]));
const problemSchema = declaredProblemSchema(operations);
/** Unknown to the store (all-zero random bits), but a well-formed UUID v4. */
const NEVER_CREATED = '00000000-0000-4000-8000-000000000000';

/**
 * The resources the contract declares, found by shape rather than by name, so a resource
 * `npm run new:resource` adds needs no edit here: a collection is a path with a POST (its
 * create), and `<collection>/{id}` its records. Each operation plays a role on one of them.
 */
type Role = 'create' | 'list' | 'read' | 'replace' | 'delete' | 'health' | 'other';

const collections = new Set(
  operations
    .filter((op) => op.method === 'POST' && !op.template.includes('{'))
    .map((op) => op.template),
);

function collectionOf(template: string): string | undefined {
  if (collections.has(template)) return template;
  const parent = template.replace(/\/\{id\}$/, '');
  return parent !== template && collections.has(parent) ? parent : undefined;
}

function roleOf(plan: { method: string; template: string }): Role {
  if (plan.template === '/health' || plan.template.startsWith('/health/')) return 'health';
  const collection = collectionOf(plan.template);
  if (collection === undefined) return 'other';
  const onRecord = plan.template !== collection;
  switch (plan.method) {
    case 'POST':
      return onRecord ? 'other' : 'create';
    case 'GET':
    case 'HEAD':
      return onRecord ? 'read' : 'list';
    case 'PUT':
    case 'PATCH':
      return onRecord ? 'replace' : 'other';
    case 'DELETE':
      return onRecord ? 'delete' : 'other';
    default:
      return 'other';
  }
}

/** What this test knows of one resource's store: it is the only writer, one request at a time. */
class ResourceModel {
  readonly versions = new Map<string, number | 'deleted'>();
  /** nextCursor values seen, by the filter they were issued for ('' for none). */
  readonly cursors = new Map<string, string[]>();
  /** Idempotency-Key -> the (canonical JSON) body of the create that first used it. */
  readonly idempotencyKeys = new Map<string, string>();
  /** Keys of creates that failed with a 5xx: what the server remembers of them is unknown. */
  readonly brokenKeys = new Set<string>();
  /** Records a write failed on with a 5xx: their state is unknown until read again. */
  readonly uncertain = new Set<string>();

  live(): string[] {
    return [...this.versions].filter(([, v]) => v !== 'deleted').map(([id]) => id);
  }
  deleted(): string[] {
    return [...this.versions].filter(([, v]) => v === 'deleted').map(([id]) => id);
  }
  versionOf(id: string | undefined): number | undefined {
    const v = id === undefined ? undefined : this.versions.get(id);
    return typeof v === 'number' ? v : undefined;
  }
}

/** Every resource's model, by collection path. */
class StoreModel {
  private readonly byCollection = new Map<string, ResourceModel>();

  of(template: string): ResourceModel | undefined {
    const collection = collectionOf(template);
    if (collection === undefined) return undefined;
    let model = this.byCollection.get(collection);
    if (!model) {
      model = new ResourceModel();
      this.byCollection.set(collection, model);
    }
    return model;
  }

  resolve(
    symbol: { sym: string; pick: number },
    context: ResolutionContext,
    template: string,
  ): string {
    const model = this.of(template) ?? new ResourceModel();
    const pick = <T>(list: T[], fallback: T) => list[symbol.pick % list.length] ?? fallback;
    const id = typeof context.path.id === 'string' ? context.path.id : undefined;
    const version = model.versionOf(id) ?? 1;
    switch (symbol.sym) {
      case 'live-id':
        return pick(model.live(), NEVER_CREATED);
      case 'deleted-id':
        return pick(model.deleted(), NEVER_CREATED);
      case 'current-etag':
        return `"v${version}"`;
      case 'weak-current-etag':
        return `W/"v${version}"`;
      case 'stale-etag':
        return `"v${version + 1 + (symbol.pick % 5)}"`;
      case 'etag-list':
        return `"v${version + 7}", W/"v${version}", "v${version}"`;
      case 'any':
        return '*';
      case 'seen-cursor': {
        // One issued for the same filter (a cursor is bound to it), else any.
        const filter = context.query.find(([n]) => n === 'status')?.[1];
        const same = model.cursors.get(typeof filter === 'string' ? filter : '') ?? [];
        return pick(same.length ? same : [...model.cursors.values()].flat(), 'not-a-cursor');
      }
      default:
        throw new Error(`Unknown symbol ${symbol.sym}`);
    }
  }
}

const SYMBOLS: PlanOptions['symbols'] = {
  'path:id': [
    { sym: 'live-id', weight: 5 },
    { sym: 'deleted-id', weight: 1 },
  ],
  'header:if-match': [
    { sym: 'current-etag', weight: 3 },
    { sym: 'stale-etag', weight: 2 },
    { sym: 'etag-list', weight: 1 },
    { sym: 'any', weight: 1 },
  ],
  'header:if-none-match': [
    { sym: 'current-etag', weight: 3 },
    { sym: 'weak-current-etag', weight: 1 },
    { sym: 'stale-etag', weight: 1 },
  ],
  'query:cursor': [{ sym: 'seen-cursor', weight: 4 }],
};

function symbolOf(plan: RequestPlan, where: 'header' | 'query', name: string): string | undefined {
  const list = where === 'header' ? plan.headers : plan.query;
  const value = list.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  if (value === undefined) return 'absent';
  return typeof value === 'object' && 'sym' in value ? value.sym : undefined;
}

/**
 * The statuses a valid request may get, from the state of its target; undefined when only the
 * contract applies (an operation with no role in the model).
 */
function expectedStatuses(
  plan: RequestPlan,
  resolved: ResolvedPlan,
  store: StoreModel,
): number[] | undefined {
  const role = roleOf(plan);
  if (role === 'health') return [200];
  const model = store.of(plan.template);
  if (!model) return undefined;
  const id = typeof resolved.path.id === 'string' ? resolved.path.id : undefined;
  if (id !== undefined && model.uncertain.has(id)) return undefined;
  const exists = model.versionOf(id) !== undefined;
  const write = (ok: number) => {
    if (!exists) return [404];
    const ifMatch = symbolOf(plan, 'header', 'If-Match');
    if (ifMatch === 'stale-etag') return [412];
    // A literal value is some string of the schema: it may or may not name the current ETag.
    return ifMatch === undefined ? [ok, 412] : [ok];
  };
  switch (role) {
    case 'create': {
      // The same key with the same body replays the first answer; with another body, 422
      // (a body equal after the server applies defaults may count as the same: either).
      const key = headerValue(resolved, 'Idempotency-Key');
      if (key !== undefined && model.brokenKeys.has(key)) return undefined;
      const first = key === undefined ? undefined : model.idempotencyKeys.get(key);
      if (first === undefined || first === canonicalBody(resolved)) return [201];
      return [201, 422];
    }
    case 'list':
      // A cursor is opaque: one issued for another filter is a 400.
      return resolved.query.some(([n]) => n === 'cursor') ? [200, 400] : [200];
    case 'read': {
      if (!exists) return [404];
      const ifNoneMatch = symbolOf(plan, 'header', 'If-None-Match');
      if (ifNoneMatch === 'absent' || ifNoneMatch === 'stale-etag') return [200];
      if (ifNoneMatch === 'current-etag' || ifNoneMatch === 'weak-current-etag') return [304];
      return [200, 304];
    }
    case 'replace':
      return write(200);
    case 'delete':
      return write(204);
    default:
      return undefined;
  }
}

function headerValue(plan: ResolvedPlan, name: string): string | undefined {
  const value = plan.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  return value === undefined ? undefined : typeof value === 'string' ? value : value.raw;
}

/** The request body as JSON with sorted keys ('' when there is none, or it is not JSON). */
function canonicalBody(plan: ResolvedPlan): string {
  let value = plan.body?.json;
  if (plan.body && value === undefined) {
    try {
      value = JSON.parse(bodyText(plan.body) ?? '');
    } catch {
      return '';
    }
  }
  return JSON.stringify(value ?? null, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const ETAG_VERSION = /^"v(\d+)"$/;

/** Learns from a response; returns what contradicts the model (a lost or phantom write). */
function observe(plan: ResolvedPlan, res: HttpResponse, store: StoreModel): string[] {
  const model = store.of(plan.template);
  if (!model) return [];
  const id = typeof plan.path.id === 'string' ? plan.path.id : undefined;
  const etagVersion = Number(ETAG_VERSION.exec(res.headers.etag ?? '')?.[1] ?? NaN);
  if (id !== undefined && model.uncertain.has(id)) {
    // Learn the state again from the next answer that tells it.
    if (plan.method !== 'GET' && plan.method !== 'HEAD') return [];
    if (res.status === 404) model.versions.set(id, 'deleted');
    else if (res.status === 200 || res.status === 304) model.versions.set(id, etagVersion);
    else return [];
    model.uncertain.delete(id);
    return [];
  }
  if (id !== undefined && res.status >= 500 && plan.method !== 'GET' && plan.method !== 'HEAD') {
    model.uncertain.add(id);
    return [];
  }
  switch (roleOf(plan)) {
    case 'create': {
      const key = headerValue(plan, 'Idempotency-Key');
      if (key !== undefined && res.status >= 500) model.brokenKeys.add(key);
      if (res.status !== 201) return [];
      const record = res.body as { id: string; version: number };
      // A replay answers the record as first created: keep what later writes taught us.
      if (!model.versions.has(record.id)) model.versions.set(record.id, record.version);
      if (key !== undefined && !model.idempotencyKeys.has(key)) {
        model.idempotencyKeys.set(key, canonicalBody(plan));
      }
      return [];
    }
    case 'list': {
      if (plan.method !== 'GET') return [];
      const next = (res.body as { nextCursor?: string } | undefined)?.nextCursor;
      const filter = plan.query.find(([n]) => n === 'status')?.[1];
      const list = model.cursors.get(typeof filter === 'string' ? filter : '') ?? [];
      if (res.status === 200 && next && list.length < 20) list.push(next);
      model.cursors.set(typeof filter === 'string' ? filter : '', list);
      return [];
    }
    case 'read': {
      if (id === undefined || (res.status !== 200 && res.status !== 304)) return [];
      const known = model.versions.get(id);
      return known === etagVersion
        ? []
        : [`the store answers version ${etagVersion} for ${id}; this test wrote ${known}`];
    }
    case 'replace':
      if (id !== undefined && res.status === 200) model.versions.set(id, etagVersion);
      return [];
    case 'delete':
      if (id !== undefined && res.status === 204) model.versions.set(id, 'deleted');
      return [];
    default:
      return [];
  }
}

function violations(
  plan: RequestPlan,
  resolved: ResolvedPlan,
  verdict: Classification,
  res: HttpResponse,
  model: StoreModel,
): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`server error ${res.status}`);
  const op = byId.get(plan.operation);
  if (!op) {
    // Off-contract: the contract has nothing to say but that errors are problems. OPTIONS may
    // also be answered (RFC 9110 9.3.7), with the methods allowed.
    const options = plan.method === 'OPTIONS' && res.status < 300 && res.headers.allow;
    if (options) return out;
    if (res.status < 400 || res.status >= 500) out.push(`expected a 4xx, got ${res.status}`);
    if (plan.method !== 'HEAD') {
      if (mediaTypeOf(res.headers['content-type']) !== 'application/problem+json') {
        out.push(`content type ${res.headers['content-type'] ?? '(none)'} is not a problem`);
      } else out.push(...schemaErrors(problemSchema, res.body).map((e) => `problem ${e}`));
    }
    return out;
  }
  const twin = operations.find((o) => o.template === op.template && o.method === 'GET');
  out.push(...responseViolations(op, res, op.method === 'HEAD' ? twin : undefined));
  // A request that breaks the contract must be refused, where the contract gives a way to:
  // bad credentials where it declares a 401, anything else where it declares a 400.
  const refusal = verdict.reasons.every((r) => r === 'credentials') ? '401' : '400';
  if (
    verdict.verdict === 'invalid' &&
    op.responses[refusal] &&
    (res.status < 400 || res.status >= 500)
  ) {
    out.push(`a request that breaks the contract got ${res.status}`);
  }
  if (verdict.verdict === 'valid') {
    const expected = expectedStatuses(plan, resolved, model);
    if (expected && !expected.includes(res.status)) {
      out.push(`a valid request got ${res.status}, expected ${expected.join(' or ')}`);
    }
  }
  return out;
}

function clip(s: string, max = 600): string {
  return s.length > max ? `${s.slice(0, max)}... (${s.length} chars)` : s;
}

function explain(
  req: HttpRequest,
  res: HttpResponse,
  verdict: Classification,
  mutations: string[],
): string {
  const shown = Object.fromEntries(
    Object.entries(res.headers).filter(([k]) =>
      ['content-type', 'etag', 'location', 'allow', 'retry-after'].includes(k),
    ),
  );
  return [
    `request: ${req.method} ${clip(req.path, 300)}`,
    `  headers: ${JSON.stringify(req.headers)}`,
    `  body: ${req.body === undefined ? '(none)' : clip(String(req.body))}`,
    `  contract: ${verdict.verdict}${verdict.reasons.length ? ` (${verdict.reasons.join('; ')})` : ''}`,
    `  mutations: ${mutations.join('; ') || '(none)'}`,
    `response: ${res.status} ${JSON.stringify(shown)}`,
    `  body: ${clip(res.text)}`,
  ].join('\n');
}

let t: TestApi;
const model = new StoreModel();

beforeAll(async () => {
  t = await startTestApi({ transport: 'express' });
  // For every resource: a few records that really exist, so record routes hit them (bodies
  // from the create schema), and a cursor for each filter its list accepts (a cursor is bound
  // to its filter).
  const creates = operations.filter((op) => roleOf(op) === 'create');
  if (creates.length === 0) throw new Error('openapi.yaml declares no create operation');
  for (const create of creates) {
    const schema = create.requestBody?.content['application/json']?.schema;
    if (!schema) throw new Error(`${create.id} has no JSON request body`);
    const records = model.of(create.template) as ResourceModel;
    for (const body of fc.sample(validValue(schema), { seed: SEED, numRuns: 8 })) {
      const res = await t.api.post(create.template, body as Record<string, unknown>);
      if (res.status !== 201) throw new Error(`seed create failed: ${res.status} ${res.text}`);
      records.versions.set((res.body as { id: string }).id, 1);
    }
    const list = operations.find((op) => op.template === create.template && op.method === 'GET');
    const filter = list?.parameters.find((p) => p.name === 'status')?.schema;
    for (const status of ['', ...((filter && flatten(filter).enum) ?? [])].map(String)) {
      const page = await t.api.get(
        `${create.template}?limit=1${status ? `&status=${status}` : ''}`,
      );
      const next = (page.body as { nextCursor?: string }).nextCursor;
      if (next) records.cursors.set(status, [next]);
    }
  }
});

afterAll(async () => {
  await t?.close();
});

function bodyLimitBytes(limit: string): number {
  const [, n, unit] = /^(\d+)(b|kb|mb)$/i.exec(limit) ?? [];
  const factor = { b: 1, kb: 1024, mb: 1024 * 1024 }[(unit ?? 'b').toLowerCase()] ?? 1;
  return Number(n) * factor;
}

/** Operations with more to vary get more requests. */
function weightOf(op: Operation): number {
  return 1 + op.parameters.length + (op.requestBody ? 3 : 0);
}

it(
  `answers ${RUNS} generated requests (seed ${SEED}) without a 5xx, as the contract declares`,
  async () => {
    const options: PlanOptions = {
      symbols: SYMBOLS,
      oversizeBytes: bodyLimitBytes(t.config.http.bodyLimit),
    };
    const requests = fc.oneof(
      ...operations.map((op) => ({ weight: weightOf(op), arbitrary: requestPlan(op, options) })),
      { weight: 3, arbitrary: offContractPlan(operations) },
    );
    const seen = new Map<string, Map<string, number>>();
    const tally = (op: string, key: string) => {
      const counts = seen.get(op) ?? new Map<string, number>();
      counts.set(key, (counts.get(key) ?? 0) + 1);
      seen.set(op, counts);
    };

    /** Sends one request and checks it; throws what it found wrong. */
    const sendAndCheck = async (plan: RequestPlan) => {
      const resolved = resolvePlan(plan, (symbol, context) =>
        model.resolve(symbol, context, plan.template),
      );
      const verdict = classifyRequest(byId.get(plan.operation), resolved);
      const req = toHttpRequest(resolved);
      const res = await t.api.send(req);
      const found = violations(plan, resolved, verdict, res, model);
      found.push(...observe(resolved, res, model));
      tally(plan.operation, `${verdict.verdict} ${res.status}`);
      if (found.length) {
        throw new Error(`${found.join('\n')}\n${explain(req, res, verdict, plan.mutations)}`);
      }
    };
    const covered = (op: Operation) => {
      const keys = [...(seen.get(op.id)?.keys() ?? [])];
      return {
        valid: keys.some((k) => k.startsWith('valid 2')),
        invalid: keys.some((k) => /^(invalid|unknown) 4/.test(k)),
      };
    };

    // First, every operation from its own generator until it has had a valid request answered
    // 2xx and an invalid one answered 4xx: the coverage below then holds for every seed and
    // however many operations the contract has (new resources add eight each).
    for (const [i, op] of operations.entries()) {
      const plans = fc.sample(requestPlan(op, options), {
        seed: SEED + i,
        numRuns: COVERAGE_ATTEMPTS,
      });
      for (const plan of plans) {
        const { valid, invalid } = covered(op);
        if (valid && invalid) break;
        await sendAndCheck(plan);
      }
    }

    // Then RUNS requests across the whole contract, shrunk to the smallest failing one.
    await fc.assert(fc.asyncProperty(requests, sendAndCheck), {
      seed: SEED,
      numRuns: RUNS,
      // Shrinking replays requests against a store that keeps changing: bound it in time.
      // Runs cut short by the limit count as a failure.
      interruptAfterTimeLimit: TIME_LIMIT_MS,
      markInterruptAsFailure: true,
    });

    if (VERBOSE) {
      const lines = [...seen].map(
        ([op, counts]) => `${op}: ${[...counts].map(([k, n]) => `${k} x${n}`).join(', ')}`,
      );
      console.log(`fuzz seed ${SEED}, ${RUNS} requests\n${lines.join('\n')}`);
    }
    // Every operation was reached with a valid request (2xx) and an invalid one (4xx).
    for (const op of operations) {
      expect({ op: op.id, ...covered(op) }).toEqual({ op: op.id, valid: true, invalid: true });
    }
  },
  TIME_LIMIT_MS + 120_000,
);
