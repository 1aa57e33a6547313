import {
  kebabCase,
  type FieldDefinition,
  type FieldType,
} from '../../app/resources/resource-definition';
import { RESERVED_FIELDS } from '../../app/resources/resource-table';

/** What `npm run new:resource -- <name> [--field name:type ...]` asked for, checked. */
export interface ResourceRequest {
  /** Plural, lower camel case: `notes`, `auditEvents`. */
  name: string;
  fields: FieldDefinition[];
}

/** The names one resource's code and contract use, all derived from its plural name. */
export interface ResourceNames {
  name: string;
  /** `notes` -> `note`, `categories` -> `category`. */
  singular: string;
  /** `Note`: the record type and schema name. */
  type: string;
  /** `notes` -> `notes`, `auditEvents` -> `audit-events`: folder and file names. */
  kebab: string;
  /** `note` -> `note`, `auditEvent` -> `audit-event`. */
  singularKebab: string;
  /** `Notes`: in operation ids (`listNotes`). */
  plural: string;
}

export const FIELD_TYPES: readonly FieldType[] = [
  'string',
  'integer',
  'number',
  'boolean',
  'string[]',
];

const IDENTIFIER = /^[a-z][a-zA-Z0-9]{0,39}$/;

/** Names the API or the code already uses for something else. */
const TAKEN = new Set([
  'items',
  'item',
  'health',
  'docs',
  'openapi',
  'resources',
  'features',
  'auth',
  'config',
  'core',
  'http',
  'storage',
  'observability',
  'idempotency',
  'rateLimit',
]);

/** Without `--field`: one required text, as the issue that asked for the generator specifies. */
export const DEFAULT_FIELDS: FieldDefinition[] = [{ name: 'text', type: 'string', required: true }];

export class UsageError extends Error {}

function singularOf(name: string): string {
  if (/[^aeiou]ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/(s|x|z|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (/[^s]s$/.test(name)) return name.slice(0, -1);
  return name;
}

export function namesOf(name: string): ResourceNames {
  const singular = singularOf(name);
  const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    name,
    singular,
    type: upper(singular),
    kebab: kebabCase(name),
    singularKebab: kebabCase(singular),
    plural: upper(name),
  };
}

/** `title:string`, `count:integer?`, `labels:string[]`. */
function parseField(spec: string): FieldDefinition {
  const match = /^([^:]+):(.+?)(\?)?$/.exec(spec);
  if (!match) throw new UsageError(`--field ${spec}: expected name:type, e.g. title:string`);
  const [, name = '', type = '', optional] = match;
  if (!IDENTIFIER.test(name)) {
    throw new UsageError(
      `--field ${spec}: "${name}" is not a field name (a letter, then letters or digits, camelCase)`,
    );
  }
  if (RESERVED_FIELDS.includes(name)) {
    throw new UsageError(`--field ${spec}: "${name}" is set by the server; choose another name`);
  }
  if (!FIELD_TYPES.includes(type as FieldType)) {
    throw new UsageError(`--field ${spec}: type "${type}" is not one of ${FIELD_TYPES.join(', ')}`);
  }
  return { name, type: type as FieldType, required: optional === undefined };
}

/** Parses the command line; throws UsageError naming what is wrong. */
export function parseRequest(argv: readonly string[]): ResourceRequest {
  const positional: string[] = [];
  const fieldSpecs: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--field') {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError('--field needs a value: --field name:type');
      fieldSpecs.push(next);
      i += 1;
    } else if (arg.startsWith('--field=')) fieldSpecs.push(arg.slice('--field='.length));
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) {
    throw new UsageError(
      'Give one resource name: npm run new:resource -- notes [--field title:string]',
    );
  }
  const name = positional[0] ?? '';
  if (!IDENTIFIER.test(name)) {
    throw new UsageError(
      `"${name}" is not a valid resource name: a lower-case letter, then letters or digits ` +
        '(camelCase, plural: notes, auditEvents), at most 40 characters',
    );
  }
  if (TAKEN.has(name) || TAKEN.has(singularOf(name))) {
    throw new UsageError(`"${name}" is taken by the API itself; choose another name`);
  }
  const fields = fieldSpecs.length ? fieldSpecs.map(parseField) : DEFAULT_FIELDS;
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name)) throw new UsageError(`--field ${field.name} is given twice`);
    seen.add(field.name);
  }
  return { name, fields };
}
