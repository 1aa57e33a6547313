import type { OpenApiDocument } from '../openapi/spec';

import { OPERATION_METHODS } from '../openapi/methods';

/**
 * The contract lets reads through anonymously (`security: [{}, {bearerAuth: []}]`). An
 * operator who sets AUTH_ANONYMOUS_READS=false gets the same contract without the anonymous
 * alternative, so the validator then demands a token on reads too. Mutates the given
 * document, which must be the app's own copy.
 */
export function withoutAnonymousAccess(doc: OpenApiDocument): OpenApiDocument {
  for (const pathItem of Object.values(doc.paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = pathItem?.[method];
      if (operation?.security && operation.security.length > 0) {
        operation.security = operation.security.filter((req) => Object.keys(req).length > 0);
      }
    }
  }
  return doc;
}
