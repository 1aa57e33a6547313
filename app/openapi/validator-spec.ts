import type { OpenAPIV3 } from 'express-openapi-validator/dist/framework/types';

type OpenApiDocument = OpenAPIV3.DocumentV3;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Inlines every local `$ref` (`#/components/...`). express-openapi-validator resolves each
 * $ref by compiling the referenced schema with ajv while it pre-processes the document, and
 * compiles every route validator against the whole document; a self-contained document
 * skips both. Refuses cyclic references (the contract has none; recursion would need refs).
 */
export function dereference<T>(doc: T): T {
  const root = doc as unknown as Json;
  const resolve = (ref: string): Json => {
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
    let node: Json = root;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || Array.isArray(node) || !(key in node)) {
        throw new Error(`Unresolvable $ref ${ref}`);
      }
      node = node[key] as Json;
    }
    return node;
  };
  const walk = (node: Json, trail: string[]): Json => {
    if (Array.isArray(node)) return node.map((n) => walk(n, trail));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      if (trail.includes(ref)) throw new Error(`Cyclic $ref ${[...trail, ref].join(' -> ')}`);
      const { $ref: _ignored, ...siblings } = node;
      const target = walk(resolve(ref), [...trail, ref]);
      return Object.keys(siblings).length && target !== null && typeof target === 'object'
        ? { ...(target as object), ...(walk(siblings, trail) as object) }
        : target;
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, trail)]));
  };
  return walk(root, []) as unknown as T;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The document the validator is given. Requests are always validated against the full
 * contract. When responses are not validated (production), their schemas are dropped from
 * this copy only: the validator would otherwise pre-process every one of them at cold start
 * for nothing. (`/openapi.json` and the docs are served from the full document.)
 */
export function validatorSpec(spec: OpenApiDocument, validateResponses: boolean): OpenApiDocument {
  if (validateResponses) return dereference(spec);
  const doc = withoutProse(dereference(spec));
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, { responses?: Record<string, unknown> }> | undefined)?.[
        method
      ];
      if (!op?.responses) continue;
      op.responses = Object.fromEntries(
        Object.keys(op.responses).map((status) => [status, { description: '' }]),
      );
    }
  }
  // Everything is inlined above, so the reusable components are no longer referenced; only
  // the security schemes are still looked up by name.
  if (doc.components) doc.components = { securitySchemes: doc.components.securitySchemes };
  return doc;
}

/** Documentation-only keywords; the validator never reads them. */
const PROSE = new Set(['description', 'summary', 'example', 'examples', 'externalDocs']);

/**
 * Drops prose from the production copy (a smaller bundle, less to walk at cold start). Keys of
 * a `properties` map are field names, not keywords: an item field called `description` stays.
 */
function withoutProse<T>(node: T, inProperties = false): T {
  if (Array.isArray(node)) return node.map((n) => withoutProse(n)) as T;
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => inProperties || !PROSE.has(key))
      .map(([key, value]) => [key, withoutProse(value, !inProperties && key === 'properties')]),
  ) as T;
}
