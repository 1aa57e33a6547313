import type { HttpRequest } from './transport';

/**
 * The operations of an OpenAPI 3.0 document (dereferenced: no `$ref`s), in the shape the
 * property-based tests work with (openapi-arbitraries.ts, openapi-conformance.ts).
 */

/** The subset of OpenAPI 3.0 Schema Objects these arbitraries understand. */
export interface Schema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  default?: unknown;
}

export type HttpMethod = HttpRequest['method'];

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  style?: string;
  explode?: boolean;
}

export interface MediaType {
  schema?: Schema;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, { required?: boolean; schema?: Schema }>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  /** operationId, else `METHOD template`. */
  id: string;
  method: HttpMethod;
  template: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  /**
   * The operation's security requirements (else the document's), each scheme resolved: any
   * one requirement must be met; an empty one (`{}`) means anonymous is enough.
   */
  security: SecurityRequirement[];
}

export type SecurityRequirement = { scheme: SecurityScheme; scopes: string[] }[];

export interface SecurityScheme {
  type: string;
  scheme?: string;
  name?: string;
  in?: string;
}

export interface OpenApiLike {
  paths: Record<string, Record<string, unknown> | undefined>;
  security?: Record<string, string[]>[];
  components?: { securitySchemes?: Record<string, SecurityScheme> };
}

const SPEC_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;
/** What the transport can send; the methods an off-contract request may use. */
export const HTTP_METHODS: readonly HttpMethod[] = SPEC_METHODS.map(
  (m) => m.toUpperCase() as HttpMethod,
);

/** Header parameters OpenAPI says to ignore (they are described elsewhere in the document). */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Every operation of the document, path-level parameters merged into each. */
export function listOperations(spec: OpenApiLike): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    if (!item) continue;
    const shared = (item.parameters ?? []) as Parameter[];
    for (const method of SPEC_METHODS) {
      const op = item[method] as
        | {
            operationId?: string;
            parameters?: Parameter[];
            requestBody?: Operation['requestBody'];
            responses?: Record<string, ResponseObject>;
            security?: Record<string, string[]>[];
          }
        | undefined;
      if (!op) continue;
      const own = op.parameters ?? [];
      const parameters = [
        ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
        ...own,
      ].filter((p) => p.in !== 'header' || !RESERVED_HEADERS.has(p.name.toLowerCase()));
      operations.push({
        id: op.operationId ?? `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase() as HttpMethod,
        template,
        parameters,
        requestBody: op.requestBody,
        responses: op.responses ?? {},
        security: (op.security ?? spec.security ?? []).map((requirement) =>
          Object.entries(requirement).map(([name, scopes]) => {
            const scheme = spec.components?.securitySchemes?.[name];
            if (!scheme) throw new Error(`Unknown security scheme ${name}`);
            return { scheme, scopes };
          }),
        ),
      });
    }
  }
  return operations;
}

/** `/v1/items/{id}` -> a RegExp matching concrete paths (one non-empty segment per param). */
export function templatePattern(template: string, flags = ''): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) =>
      part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, (c) => `\\${c}`),
    )
    .join('');
  return new RegExp(`^${source}$`, flags);
}

/** `allOf` folded into one schema (properties and required merged; the contract uses it to
 * attach a default to a $ref). */
export function flatten(schema: Schema): Schema {
  if (!schema.allOf) return schema;
  const { allOf, ...rest } = schema;
  return allOf.map(flatten).reduce<Schema>(
    (acc, part) => ({
      ...acc,
      ...part,
      ...(acc.properties || part.properties
        ? { properties: { ...acc.properties, ...part.properties } }
        : {}),
      ...(acc.required || part.required
        ? { required: [...(acc.required ?? []), ...(part.required ?? [])] }
        : {}),
    }),
    rest,
  );
}

export function isBearer(scheme: SecurityScheme): boolean {
  return scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer';
}
