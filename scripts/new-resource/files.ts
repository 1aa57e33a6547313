import type { FieldDefinition, FieldType } from '../../app/resources/resource-definition';
import { writeScope } from '../../app/resources/resource-definition';
import type { ResourceNames, ResourceRequest } from './names';

/** A file the generator writes, relative to the project root. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** A value of each type that the contract accepts, and another one (for replace and patch). */
const SAMPLES: Record<FieldType, [unknown, unknown]> = {
  string: ['First draft', 'Second draft'],
  integer: [42, 43],
  number: [9.5, 10.25],
  boolean: [true, false],
  'string[]': [['red', 'blue'], ['green']],
};

/** A value of the wrong type for each field type. */
const WRONG: Record<FieldType, unknown> = {
  string: 12,
  integer: 'twelve',
  number: 'nine',
  boolean: 'yes',
  'string[]': 'red',
};

function sampleBody(fields: readonly FieldDefinition[], which: 0 | 1): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, SAMPLES[f.type][which]]));
}

const json = (value: unknown) => JSON.stringify(value);

/** The feature folder (app/<name>/): the items layers, each a thin typed face of the kit. */
export function featureFiles(names: ResourceNames): GeneratedFile[] {
  const { name, type, kebab, singular, singularKebab } = names;
  const dir = `app/${kebab}`;
  const definition = `${name}Resource`;
  return [
    {
      path: `${dir}/${singularKebab}.ts`,
      content: `import { resourceNamed } from '../resources/registry';
import type { components } from '../openapi/schema';

/**
 * The ${singular} resource. Its fields are declared in app/resources/registry.ts and, as the
 * contract, in openapi.yaml (\`${type}\`, \`${type}Input\`, \`${type}Patch\`); the types below are
 * generated from openapi.yaml by \`npm run types\`, so the code cannot drift from it.
 */
export const ${definition} = resourceNamed('${name}');

type Schemas = components['schemas'];

/** A stored ${singular}, as every response carries it. */
export type ${type} = Schemas['${type}'];

/** Body of POST and PUT. */
export type ${type}Input = Schemas['${type}Input'];

/** Body of PATCH (RFC 7396 merge patch). */
export type ${type}Patch = Schemas['${type}Patch'];
`,
    },
    {
      path: `${dir}/${singularKebab}-repository.ts`,
      content: `import type { ResourceRepository } from '../resources/resource-repository';
import type { ${type} } from './${singularKebab}';

/**
 * The storage port for ${name}: conditional writes (each adds 1 to \`version\`; NotFoundError or
 * PreconditionFailedError instead of overwriting) and cursor pages, newest first.
 */
export type ${type}Repository = ResourceRepository<${type}>;
`,
    },
    {
      path: `${dir}/dynamo-${singularKebab}-repository.ts`,
      content: `import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoResourceRepository } from '../resources/dynamo-resource-repository';
import { ${definition}, type ${type} } from './${singularKebab}';
import type { ${type}Repository } from './${singularKebab}-repository';

/** ${type}Repository on DynamoDB: its own table (app/resources/resource-table.ts). */
export class Dynamo${type}Repository
  extends DynamoResourceRepository<${type}>
  implements ${type}Repository
{
  constructor(client: DynamoDBDocumentClient, tableName: string) {
    super(client, tableName, ${definition});
  }
}
`,
    },
    {
      path: `${dir}/${singularKebab}-service.ts`,
      content: `import type { Clock } from '../core/clock';
import type { ListCursorCodec } from '../resources/list-cursor';
import { ResourceService } from '../resources/resource-service';
import { ${definition}, type ${type} } from './${singularKebab}';
import type { ${type}Repository } from './${singularKebab}-repository';

/**
 * ${type} use cases: create, read, list, replace, merge patch, delete (the kit's ResourceService).
 * Rules of your own go here, by overriding a method. Knows nothing of HTTP or DynamoDB.
 */
export class ${type}Service extends ResourceService<${type}> {
  constructor(repository: ${type}Repository, clock: Clock, cursors: ListCursorCodec) {
    super(${definition}, repository, clock, cursors);
  }
}
`,
    },
    {
      path: `${dir}/${kebab}-router.ts`,
      content: `import type { Router } from 'express';
import { createResourceRouter } from '../resources/resource-router';
import type { ${type}Service } from './${singularKebab}-service';

/**
 * HTTP <-> ${type}Service at /v1/${name} and /v1/${name}/{id}. Requests reaching it were validated
 * against openapi.yaml (writes need the scope \`${writeScope(names)}\`).
 */
export function create${names.plural}Router(service: ${type}Service): Router {
  return createResourceRouter(service);
}
`,
    },
    {
      path: `${dir}/index.ts`,
      content: `import type { ResourceFeature } from '../resources/resource-feature';
import { Dynamo${type}Repository } from './dynamo-${singularKebab}-repository';
import { create${names.plural}Router } from './${kebab}-router';
import { ${definition}, type ${type} } from './${singularKebab}';
import { ${type}Service } from './${singularKebab}-service';

/** The ${name} resource, as app/features.ts mounts it. */
export const ${name}Feature: ResourceFeature<${type}> = {
  resource: ${definition},
  dynamoRepository: (client, tableName) => new Dynamo${type}Repository(client, tableName),
  router: (repository, deps) =>
    create${names.plural}Router(new ${type}Service(repository, deps.clock, deps.cursors)),
};
`,
    },
  ];
}

/** The contract test, run on every transport by the parity suite (a *.http.test.ts). */
export function testFile(names: ResourceNames, request: ResourceRequest): GeneratedFile {
  const optional = request.fields.filter((f) => !f.required).map((f) => f.name);
  const invalid: [string, unknown][] = [
    ['an unknown field', { ...sampleBody(request.fields, 0), unknownField: 1 }],
    ...request.fields.map((f): [string, unknown] => [
      `${f.name} of the wrong type`,
      { ...sampleBody(request.fields, 0), [f.name]: WRONG[f.type] },
    ]),
    ...request.fields
      .filter((f) => f.required)
      .map((f): [string, unknown] => [
        `no ${f.name}`,
        sampleBody(
          request.fields.filter((other) => other.name !== f.name),
          0,
        ),
      ]),
  ];
  return {
    path: `test/${names.kebab}/${names.kebab}.http.test.ts`,
    content: `import { describeResourceContract } from '../support/resource-contract';

// Generated by \`npm run new:resource\`: the contract of /v1/${names.name} on every transport
// (create, read, 304, list pages, replace, merge patch, If-Match, delete, bad input, scopes).
describeResourceContract({
  name: '${names.name}',
  created: ${json(sampleBody(request.fields, 0))},
  replaced: ${json(sampleBody(request.fields, 1))},
  removable: ${json(optional)},
  invalid: ${json(invalid)},
});
`,
  };
}

/** app/resources/registry.ts with the resource's definition added. */
export function addToRegistry(source: string, request: ResourceRequest): string {
  const marker = '  // new:resource inserts above this line';
  if (!source.includes(marker)) throw new Error(`app/resources/registry.ts lost its marker line`);
  const entry = `  {\n    name: '${request.name}',\n    fields: ${json(request.fields)
    .replace(/"(\w+)":/g, '$1: ')
    .replace(/"/g, "'")},\n  },\n`;
  return source.replace(marker, `${entry}${marker}`);
}

/** app/features.ts with the resource's feature imported and listed. */
export function addToFeatures(source: string, names: ResourceNames): string {
  const marker = '  // new:resource inserts above this line';
  if (!source.includes(marker)) throw new Error(`app/features.ts lost its marker line`);
  const withImport = source.replace(
    /^(import type \{ ResourceFeature \} from '\.\/resources\/resource-feature';\n)/m,
    `$1import { ${names.name}Feature } from './${names.kebab}';\n`,
  );
  return withImport.replace(marker, `  ${names.name}Feature,\n${marker}`);
}
