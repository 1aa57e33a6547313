import { Document, isPair, isScalar, parseDocument, visit } from 'yaml';
import type { FieldDefinition, FieldType } from '../../app/resources/resource-definition';
import { writeScope } from '../../app/resources/resource-definition';
import type { ResourceNames, ResourceRequest } from './names';

type Json = Record<string, unknown>;

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const header = (name: string) => ref('headers', name);
const response = (name: string) => ref('responses', name);

/** The headers every answer of the API carries (as the items operations declare them). */
const COMMON_HEADERS = {
  'X-Request-Id': header('X-Request-Id'),
  Vary: header('Vary'),
  'Access-Control-Allow-Origin': header('Access-Control-Allow-Origin'),
  'Access-Control-Expose-Headers': header('Access-Control-Expose-Headers'),
  RateLimit: header('RateLimit'),
  'RateLimit-Policy': header('RateLimit-Policy'),
};

const READ_ERRORS = ['400', '401', '414', '429', '500', '503', '504'];
const ERROR_RESPONSES: Record<string, string> = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '412': 'PreconditionFailed',
  '413': 'PayloadTooLarge',
  '414': 'UriTooLong',
  '415': 'UnsupportedMediaType',
  '429': 'TooManyRequests',
  '500': 'InternalError',
  '503': 'ServiceUnavailable',
  '504': 'StoreTimeout',
};

function errors(statuses: string[], head = false): Json {
  return Object.fromEntries(
    statuses.map((s) => [s, response(`${ERROR_RESPONSES[s]}${head ? 'Head' : ''}`)]),
  );
}

/** The JSON Schema of one field's value, bounded as the contract lint (Spectral, OWASP) asks. */
export function fieldSchema(type: FieldType): Json {
  switch (type) {
    case 'string':
      return { type: 'string', minLength: 1, maxLength: 2000 };
    case 'integer':
      return {
        type: 'integer',
        format: 'int64',
        minimum: -9007199254740991,
        maximum: 9007199254740991,
      };
    case 'number':
      return { type: 'number', format: 'double', minimum: -1e15, maximum: 1e15 };
    case 'boolean':
      return { type: 'boolean' };
    case 'string[]':
      return {
        type: 'array',
        maxItems: 100,
        items: { type: 'string', minLength: 1, maxLength: 200 },
      };
  }
}

function fieldProperties(fields: readonly FieldDefinition[], nullableOptional = false): Json {
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      nullableOptional && !f.required
        ? { ...fieldSchema(f.type), nullable: true }
        : fieldSchema(f.type),
    ]),
  );
}

/** The four schemas of a resource: the record, its create/replace body, its patch, a page. */
export function resourceSchemas(names: ResourceNames, request: ResourceRequest): Json {
  const { type } = names;
  const required = request.fields.filter((f) => f.required).map((f) => f.name);
  const optional = request.fields.filter((f) => !f.required).map((f) => f.name);
  return {
    [`${type}Input`]: {
      description: `The fields of a ${names.singular} a client sets (POST and PUT).`,
      type: 'object',
      additionalProperties: false,
      ...(required.length ? { required } : {}),
      properties: fieldProperties(request.fields),
    },
    [`${type}Patch`]: {
      description:
        `JSON merge patch (RFC 7396) of a ${names.singular}.` +
        (optional.length
          ? ` \`null\` removes ${optional.map((n) => `\`${n}\``).join(', ')}.`
          : ' No field can be removed.'),
      type: 'object',
      additionalProperties: false,
      properties: fieldProperties(request.fields, true),
    },
    [type]: {
      type: 'object',
      additionalProperties: false,
      required: ['id', ...required, 'version', 'createdAt', 'updatedAt'],
      properties: {
        id: { type: 'string', format: 'uuid', maxLength: 36 },
        ...fieldProperties(request.fields),
        version: {
          description: 'Starts at 1; each write adds 1.',
          type: 'integer',
          format: 'int64',
          minimum: 1,
          maximum: 999999999999999,
        },
        createdAt: { type: 'string', format: 'date-time', maxLength: 30 },
        updatedAt: { type: 'string', format: 'date-time', maxLength: 30 },
      },
    },
    [`${type}Page`]: {
      type: 'object',
      additionalProperties: false,
      required: ['items'],
      properties: {
        items: {
          type: 'array',
          description: `At most \`limit\` ${names.name} (100 at most).`,
          maxItems: 100,
          items: ref('schemas', type),
        },
        nextCursor: {
          type: 'string',
          minLength: 1,
          maxLength: 1024,
          pattern: '^[A-Za-z0-9_.-]+$',
          description: 'Pass as `cursor` to get the next page. Absent on the last page.',
        },
      },
    },
  };
}

/** The two paths of a resource, every operation declared as the items ones are. */
export function resourcePaths(names: ResourceNames): Json {
  const { name, singular, type, plural } = names;
  const scope = writeScope(names);
  const tags = [name];
  const read = { security: [], 'x-anonymous-reads': true };
  const write = { security: [{ bearerAuth: [] }], 'x-required-scopes': [scope] };
  const needs = `Needs a bearer token with the scope \`${scope}\`.`;
  const anonymous = 'Anonymous unless AUTH_ANONYMOUS_READS=false.';
  const json = (schema: string, mediaType = 'application/json') => ({
    content: { [mediaType]: { schema: ref('schemas', schema) } },
  });
  const ok = (description: string, schema?: string, extra: Json = {}) => ({
    description,
    headers: { ...COMMON_HEADERS, ...extra },
    ...(schema ? json(schema) : {}),
  });
  const etag = { ETag: header('ETag') };
  const listParams = [ref('parameters', 'Limit'), ref('parameters', 'Cursor')];
  const writeErrors = [
    '400',
    '401',
    '403',
    '404',
    '412',
    '413',
    '414',
    '415',
    '429',
    '500',
    '503',
    '504',
  ];
  return {
    [`/v1/${name}`]: {
      get: {
        operationId: `list${plural}`,
        tags,
        summary: `List ${name}, newest first.`,
        description: `Newest first, \`limit\` per page (20 by default); pass a page's \`nextCursor\` as \`cursor\` for the next one. ${anonymous}`,
        ...read,
        parameters: listParams,
        responses: { '200': ok(`One page of ${name}.`, `${type}Page`), ...errors(READ_ERRORS) },
      },
      head: {
        operationId: `head${plural}`,
        tags,
        summary: `List ${name}, headers only.`,
        description: `GET /v1/${name} without the body.`,
        ...read,
        parameters: listParams,
        responses: { '200': ok(`One page of ${name}.`), ...errors(READ_ERRORS, true) },
      },
      post: {
        operationId: `create${type}`,
        tags,
        summary: `Create a ${singular}. The server assigns its id.`,
        description: `Stores a new ${singular}; the server sets its id, version 1 and timestamps and answers 201 with Location and ETag. ${needs}`,
        ...write,
        requestBody: { required: true, ...json(`${type}Input`) },
        responses: {
          '201': ok('Created.', type, { Location: header('Location'), ...etag }),
          ...errors(['400', '401', '403', '413', '414', '415', '429', '500', '503', '504']),
        },
      },
    },
    [`/v1/${name}/{id}`]: {
      parameters: [ref('parameters', 'ItemId')],
      get: {
        operationId: `get${type}`,
        tags,
        summary: `Read one ${singular}.`,
        description: `The ${singular} and its ETag. If-None-Match naming the current ETag answers 304. ${anonymous}`,
        ...read,
        parameters: [ref('parameters', 'IfNoneMatch')],
        responses: {
          '200': ok(`The ${singular}.`, type, etag),
          '304': ok('Not modified (If-None-Match matched).', undefined, etag),
          ...errors(['400', '401', '404', '414', '429', '500', '503', '504']),
        },
      },
      head: {
        operationId: `head${type}`,
        tags,
        summary: `Read one ${singular}, headers only.`,
        description: `GET /v1/${name}/{id} without the body.`,
        ...read,
        parameters: [ref('parameters', 'IfNoneMatch')],
        responses: {
          '200': ok(`The ${singular} exists.`, undefined, etag),
          '304': ok('Not modified (If-None-Match matched).', undefined, etag),
          ...errors(['400', '401', '404', '414', '429', '500', '503', '504'], true),
        },
      },
      put: {
        operationId: `replace${type}`,
        tags,
        summary: `Replace a ${singular} (omitted optional fields are removed).`,
        description: `Replaces every field the client controls and adds 1 to the version. With If-Match, only if the current ETag is listed, else 412. ${needs}`,
        ...write,
        parameters: [ref('parameters', 'IfMatch')],
        requestBody: { required: true, ...json(`${type}Input`) },
        responses: { '200': ok('Replaced.', type, etag), ...errors(writeErrors) },
      },
      patch: {
        operationId: `update${type}`,
        tags,
        summary: `Update a ${singular} with a JSON merge patch (RFC 7396).`,
        description: `A value sets a field; null removes an optional one. Adds 1 to the version; If-Match as for PUT. ${needs}`,
        ...write,
        parameters: [ref('parameters', 'IfMatch')],
        requestBody: { required: true, ...json(`${type}Patch`, 'application/merge-patch+json') },
        responses: { '200': ok('Updated.', type, etag), ...errors(writeErrors) },
      },
      delete: {
        operationId: `delete${type}`,
        tags,
        summary: `Delete a ${singular}.`,
        description: `Deletes the ${singular}; If-Match as for PUT. ${needs}`,
        ...write,
        parameters: [ref('parameters', 'IfMatch')],
        responses: {
          '204': ok('Deleted.'),
          ...errors(['400', '401', '403', '404', '412', '414', '429', '500', '503', '504']),
        },
      },
    },
  };
}

/** What openapi.yaml already has that the resource would collide with, if anything. */
export function specCollisions(doc: Document, names: ResourceNames): string[] {
  const found: string[] = [];
  for (const path of Object.keys(resourcePaths(names))) {
    if (doc.hasIn(['paths', path])) found.push(`path ${path}`);
  }
  for (const schema of [
    names.type,
    `${names.type}Input`,
    `${names.type}Patch`,
    `${names.type}Page`,
  ]) {
    if (doc.hasIn(['components', 'schemas', schema])) found.push(`schema ${schema}`);
  }
  return found;
}

/** YAML text of `value` indented by `indent` spaces; one-key `$ref` maps and short lists inline. */
function yamlBlock(value: Json, indent: number): string {
  const doc = new Document(value);
  visit(doc, {
    Map(_key, node) {
      const only = node.items[0];
      if (
        node.items.length === 1 &&
        isPair(only) &&
        isScalar(only.key) &&
        only.key.value === '$ref'
      ) {
        node.flow = true;
      }
    },
    Seq(_key, node) {
      if (node.items.every((i) => isScalar(i)) && node.items.length <= 12) node.flow = true;
    },
  });
  const pad = ' '.repeat(indent);
  return doc
    .toString({ lineWidth: 100 - indent, indent: 2 })
    .trimEnd()
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

function insertBefore(source: string, anchor: RegExp, text: string, what: string): string {
  const match = anchor.exec(source);
  if (!match) throw new Error(`openapi.yaml: cannot find where ${what} go (${anchor.source})`);
  return source.slice(0, match.index) + text + source.slice(match.index);
}

/**
 * openapi.yaml with the resource added: its tag after the last tag, its two paths after the
 * last path, its four schemas before `Problem`. Inserted as text, so every comment and the
 * layout of the rest stay exactly as they were; the result is parsed again to prove it holds
 * what was added.
 */
export function addResourceToSpec(
  source: string,
  names: ResourceNames,
  request: ResourceRequest,
): string {
  const collisions = specCollisions(parseDocument(source), names);
  if (collisions.length) {
    throw new Error(`openapi.yaml already declares ${collisions.join(', ')}`);
  }
  let out = insertBefore(source, /^(?=\n*paths:)/m, `  - name: ${names.name}\n`, 'tags');
  out = insertBefore(
    out,
    /^(?=components:)/m,
    `${yamlBlock(resourcePaths(names), 2)}\n\n`,
    'paths',
  );
  out = insertBefore(
    out,
    /^(?= {4}Problem:\n)/m,
    `${yamlBlock(resourceSchemas(names, request), 4)}\n\n`,
    'schemas',
  );
  const check = parseDocument(out);
  if (check.errors.length)
    throw new Error(`openapi.yaml would not parse: ${check.errors[0]?.message}`);
  for (const path of Object.keys(resourcePaths(names))) {
    if (!check.hasIn(['paths', path]))
      throw new Error(`openapi.yaml: ${path} did not land under paths`);
  }
  if (!check.hasIn(['components', 'schemas', names.type])) {
    throw new Error(`openapi.yaml: ${names.type} did not land under components.schemas`);
  }
  return out;
}
