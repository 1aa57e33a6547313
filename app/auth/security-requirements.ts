import type { OpenApiDocument } from '../openapi/spec';

import { OPERATION_METHODS } from '../openapi/methods';

/** Marks an operation anonymous unless AUTH_ANONYMOUS_READS=false (openapi.yaml, reads). */
export const ANONYMOUS_READS_EXTENSION = 'x-anonymous-reads';

/**
 * Reads are declared without a security requirement (`security: []`: the docs page shows no
 * lock, as a caller needs nothing) and marked `x-anonymous-reads: true`. An operator who sets
 * AUTH_ANONYMOUS_READS=false gets the same contract with a bearer requirement on those
 * operations, so the validator then demands a token on reads too. Mutates the given
 * document, which must be the app's own copy.
 */
export function withoutAnonymousAccess(doc: OpenApiDocument): OpenApiDocument {
  for (const pathItem of Object.values(doc.paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = pathItem?.[method] as
        (NonNullable<typeof pathItem>[typeof method] & Record<string, unknown>) | undefined;
      if (operation?.[ANONYMOUS_READS_EXTENSION] === true) {
        operation.security = [{ bearerAuth: [] }];
      }
    }
  }
  return doc;
}
