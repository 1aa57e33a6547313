import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3 } from 'express-openapi-validator/dist/framework/types';
import { parse } from 'yaml';
import { validatorSpec } from './validator-spec';

export type OpenApiDocument = OpenAPIV3.DocumentV3;

/** openapi.yaml sits at the project root, two levels above this file. */
export const SPEC_PATH = path.resolve(__dirname, '..', '..', 'openapi.yaml');

/**
 * False here: the validator checks the spec against the OpenAPI meta-schema at start-up.
 * The bundle (scripts/build.ts) inlines a spec validated at build time and sets this to true.
 */
export const SPEC_PREVALIDATED: boolean = false;

let cached: OpenApiDocument | undefined;

/**
 * The contract as a plain object (the validator is given an object, not a path, so the
 * app keeps working once compiled or bundled). Parsed once per process.
 */
export function loadSpec(): OpenApiDocument {
  // The validator annotates the object it is given; every app gets its own copy.
  return structuredClone(parsed());
}

function parsed(): OpenApiDocument {
  cached ??= parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument;
  return cached;
}

/**
 * The document for express-openapi-validator (see validator-spec.ts). The bundle replaces this
 * module with one holding the production variant (no response schemas) precomputed at build.
 */
export function loadValidatorSpec(validateResponses: boolean): OpenApiDocument {
  // validatorSpec builds a new document (dereferencing copies every node): no clone needed.
  return validatorSpec(parsed(), validateResponses);
}
