import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { bodyText, type ResolvedPlan } from './openapi-arbitraries';
import {
  flatten,
  isBearer,
  type Operation,
  type Parameter,
  type ResponseObject,
  type Schema,
} from './openapi-operations';
import type { HttpResponse } from './transport';

/**
 * Checks, with ajv, against an OpenAPI 3.0 document (dereferenced): whether a request
 * conforms to its operation, and whether a response is one the operation declares (status,
 * content type, headers, body). Independent of the app's own (express-openapi-validator)
 * checks, which the same tests also run.
 */

/** OpenAPI 3.0 -> JSON Schema draft-07 where they differ (ajv knows `nullable` itself). */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Record<string, unknown>;
  // 3.0: `exclusiveMinimum: true` qualifies `minimum`; draft-07: the bound is the value.
  const exclusive = {
    minimum: s.exclusiveMinimum === true ? 'exclusiveMinimum' : 'minimum',
    maximum: s.exclusiveMaximum === true ? 'exclusiveMaximum' : 'maximum',
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') continue;
    if (key === 'minimum' || key === 'maximum') out[exclusive[key]] = value;
    // `properties` maps names to schemas: recurse into the values, keep every name.
    else if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, v]) => [name, toJsonSchema(v)]),
      );
    } else out[key] = toJsonSchema(value);
  }
  return out;
}

function newAjv(coerceTypes: boolean): Ajv {
  // Strict, so a keyword this file does not understand fails loudly instead of passing all.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, coerceTypes });
  ajv.addVocabulary(['example', 'xml', 'externalDocs']);
  addFormats(ajv);
  return ajv;
}

const exact = newAjv(false);
/** Parameters arrive as strings; the validator coerces them as ajv does (`"5"` -> 5). */
const coercing = newAjv(true);
const compiled = new WeakMap<object, ValidateFunction>();
const compiledParams = new WeakMap<object, ValidateFunction>();

export function validatorFor(schema: Schema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = exact.compile(toJsonSchema(schema) as object);
    compiled.set(schema, fn);
  }
  return fn;
}

/** Errors of `value` against `schema` (empty when it conforms). */
export function schemaErrors(schema: Schema, value: unknown): string[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}

function paramConforms(p: Parameter, value: string | string[]): boolean {
  const schema = p.schema ?? {};
  let fn = compiledParams.get(schema);
  if (!fn) {
    fn = coercing.compile({
      type: 'object',
      properties: { v: toJsonSchema(schema) },
    });
    compiledParams.set(schema, fn);
  }
  return fn({ v: value });
}

export type Verdict = 'valid' | 'invalid' | 'unknown';

export interface Classification {
  verdict: Verdict;
  reasons: string[];
}

/** type/subtype, lower-cased, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function mediaTypeMatches(declared: string, actual: string): boolean {
  const [dt, ds] = declared.toLowerCase().split('/');
  const [at, as] = actual.split('/');
  return (dt === '*' || dt === at) && (ds === '*' || ds === as);
}

/**
 * Does a request conform to `op`? `valid` and `invalid` are certain; `unknown` means the
 * contract does not settle it (e.g. a content-type parameter other than charset).
 */
export function classifyRequest(op: Operation | undefined, plan: ResolvedPlan): Classification {
  if (!op) return { verdict: 'invalid', reasons: ['no such operation'] };
  const reasons: string[] = [];
  let unsure = false;
  for (const p of op.parameters) {
    if (p.in === 'path') {
      const value = plan.path[p.name];
      if (value === undefined || typeof value !== 'string') {
        reasons.push(`path ${p.name} is not a decodable segment`);
      } else if (!paramConforms(p, value)) reasons.push(`path ${p.name}`);
      continue;
    }
    if (p.in !== 'query' && p.in !== 'header') continue;
    const list = p.in === 'query' ? plan.query : plan.headers;
    const same = (n: string) =>
      p.in === 'query' ? n === p.name : n.toLowerCase() === p.name.toLowerCase();
    const values = list
      .filter(([n]) => same(n))
      .map(([, v]) => (typeof v === 'string' ? v : v.raw));
    if (!values.length) {
      if (p.required) reasons.push(`missing ${p.in} ${p.name}`);
      continue;
    }
    const isArray = flatten(p.schema ?? {}).type === 'array';
    if (!isArray && values.length > 1) reasons.push(`repeated ${p.in} ${p.name}`);
    else if (!paramConforms(p, isArray ? values : (values[0] as string))) {
      reasons.push(`${p.in} ${p.name}`);
    }
  }
  // OpenAPI does not forbid undeclared query parameters: refusing them is the server's choice.
  const declaredQuery = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  if (plan.query.some(([name]) => !declaredQuery.has(name))) unsure = true;

  const security = securityVerdict(op, plan);
  if (security === 'invalid') reasons.push('credentials');
  if (security === 'unknown') unsure = true;

  const content = op.requestBody?.content;
  if (!plan.body) {
    if (op.requestBody?.required) reasons.push('missing body');
  } else if (content) {
    const type = mediaTypeOf(plan.body.contentType);
    const params = (plan.body.contentType ?? '')
      .split(';')
      .slice(1)
      .map((s) => s.trim());
    const declared = Object.entries(content).find(([m]) => mediaTypeMatches(m, type));
    const charset = params.find((s) => /^charset=/i.test(s));
    if (!declared) reasons.push(`content type ${plan.body.contentType ?? '(none)'}`);
    else if (charset && !/^charset="?utf-8"?$/i.test(charset)) reasons.push(`charset ${charset}`);
    else {
      if (params.some((s) => !/^charset=/i.test(s))) unsure = true;
      let value: unknown = plan.body.json;
      const raw = bodyText(plan.body) ?? '';
      let parsed = true;
      if (plan.body.json === undefined) {
        // RFC 8259 8.1: a parser MAY ignore a leading byte order mark.
        const bom = raw.startsWith('\ufeff');
        if (bom) unsure = true;
        try {
          value = JSON.parse(bom ? raw.slice(1) : raw);
        } catch {
          parsed = false;
          reasons.push('body is not JSON');
        }
      }
      // An escaped lone surrogate parses, but is not Unicode text: the contract does not say.
      if (/\\ud[89a-f]/i.test(raw)) unsure = true;
      if (parsed && declared[1].schema) {
        reasons.push(...schemaErrors(declared[1].schema, value).map((e) => `body ${e}`));
      }
    }
  }
  if (reasons.length) return { verdict: 'invalid', reasons };
  return { verdict: unsure ? 'unknown' : 'valid', reasons };
}

const BEARER_SYNTAX = /^Bearer +[A-Za-z0-9\-._~+/]+=*$/i;

/**
 * No Authorization in the plan means the test client's own valid token; `''` means none at
 * all. Anonymous meets a requirement list that is empty or holds `{}`. Other credentials: a
 * bearer scheme cannot be met by something that is not a bearer token; whether a well-formed
 * token is good, the contract cannot tell.
 */
function securityVerdict(op: Operation, plan: ResolvedPlan): Verdict {
  const header = plan.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1];
  if (header === undefined) return 'valid';
  const value = typeof header === 'string' ? header : header.raw;
  const anonymousOk = !op.security.length || op.security.some((r) => r.length === 0);
  if (value === '') return anonymousOk ? 'valid' : 'invalid';
  if (anonymousOk) return 'unknown';
  const bearerOnly = op.security.every((r) => r.some(({ scheme }) => isBearer(scheme)));
  return bearerOnly && !BEARER_SYNTAX.test(value) ? 'invalid' : 'unknown';
}

function declaredResponse(op: Operation, status: number): ResponseObject | undefined {
  return (
    op.responses[String(status)] ??
    op.responses[`${String(status)[0]}XX`] ??
    op.responses[`${String(status)[0]}xx`] ??
    op.responses.default
  );
}

/**
 * Everything about `res` that breaks what `op` declares for its status: the status itself,
 * the content type, the body schema, the declared headers. HEAD answers carry no body; their
 * Content-Type (if any) is checked against what the GET of the same path declares.
 */
export function responseViolations(
  op: Operation,
  res: HttpResponse,
  getTwin?: Operation,
): string[] {
  const out: string[] = [];
  const declared = declaredResponse(op, res.status);
  if (!declared) return [`status ${res.status} is not declared for ${op.id}`];

  for (const [name, header] of Object.entries(declared.headers ?? {})) {
    const value = res.headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) out.push(`missing header ${name}`);
      continue;
    }
    if (header.schema && !paramConforms({ name, in: 'header', schema: header.schema }, value)) {
      out.push(`header ${name}: ${JSON.stringify(value)} does not match its schema`);
    }
  }

  const contentType = res.headers['content-type'];
  const type = mediaTypeOf(contentType);
  if (op.method === 'HEAD') {
    if (res.text !== '') out.push('a HEAD response has a body');
    const twin = getTwin && declaredResponse(getTwin, res.status)?.content;
    if (twin && contentType && !Object.keys(twin).some((m) => mediaTypeMatches(m, type))) {
      out.push(`content type ${contentType} is not one GET declares for ${res.status}`);
    }
    return out;
  }

  const content = declared.content;
  if (!content || !Object.keys(content).length) {
    if (res.text !== '') out.push(`status ${res.status} declares no body, got ${res.text}`);
    return out;
  }
  const media = Object.entries(content).find(([m]) => mediaTypeMatches(m, type));
  if (!media) {
    out.push(
      `content type ${contentType ?? '(none)'} is not declared for ${res.status} ` +
        `(${Object.keys(content).join(', ')})`,
    );
    return out;
  }
  const schema = media[1].schema;
  if (!schema) return out;
  let body: unknown = res.text;
  if (/[/+]json$/.test(type)) {
    try {
      body = JSON.parse(res.text);
    } catch {
      out.push(`body is not JSON: ${res.text.slice(0, 200)}`);
      return out;
    }
  }
  out.push(...schemaErrors(schema, body).map((e) => `body ${e}`));
  return out;
}

/**
 * The problem+json schema the document declares for errors: what off-contract requests
 * (unknown route, undeclared method) are answered with. Taken from the declared error
 * responses, and required to be one schema.
 */
export function declaredProblemSchema(operations: Operation[]): Schema {
  const schemas = new Set<Schema>();
  const keys = new Set<string>();
  for (const op of operations) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue;
      const schema = response.content?.['application/problem+json']?.schema;
      if (schema && !keys.has(JSON.stringify(schema))) {
        keys.add(JSON.stringify(schema));
        schemas.add(schema);
      }
    }
  }
  const [first, ...rest] = [...schemas];
  if (!first || rest.length) throw new Error(`Expected one problem schema, got ${schemas.size}`);
  return first;
}
