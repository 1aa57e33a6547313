/**
 * A resource that `npm run new:resource` generated: a name and its client-controlled fields.
 * Everything else (id, version, timestamps, routes, table, grants) follows from these, the
 * same way for every generated resource; the generator and the kit read the same definition.
 */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'string[]';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required: boolean;
}

export interface ResourceDefinition {
  /** Plural, lower camel case: the route `/v1/<name>`, the scope `<name>:write`. */
  name: string;
  fields: readonly FieldDefinition[];
}

/** The server-controlled fields every resource carries. */
export interface ResourceMeta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored resource: the meta fields and the fields its definition declares. */
export type ResourceRecord = ResourceMeta & Record<string, unknown>;

/** The scope a token needs for the resource's writes (openapi.yaml `x-required-scopes`). */
export function writeScope(resource: Pick<ResourceDefinition, 'name'>): string {
  return `${resource.name}:write`;
}

/** A camelCase identifier's words joined by `separator`: `auditEvents`, '-' -> `audit-Events`. */
function splitWords(identifier: string, separator: string): string {
  return identifier.replace(/([a-z0-9])([A-Z])/g, `$1${separator}$2`);
}

/** `auditEvents` -> `audit-events`: table names, and the generator's file and path names. */
export function kebabCase(identifier: string): string {
  return splitWords(identifier, '-').toLowerCase();
}

/** `notes` -> `NOTES_TABLE_NAME`; `auditEvents` -> `AUDIT_EVENTS_TABLE_NAME`. */
export function tableNameVariable(resource: Pick<ResourceDefinition, 'name'>): string {
  return `${splitWords(resource.name, '_').toUpperCase()}_TABLE_NAME`;
}

/** The default table name: `auditEvents` -> `audit-events`. */
export function defaultTableName(resource: Pick<ResourceDefinition, 'name'>): string {
  return kebabCase(resource.name);
}
