import { OPERATION_METHODS } from './methods';
import { loadSpec, type OpenApiDocument } from './spec';

/**
 * Every scope an operation of the contract requires (`x-required-scopes`), sorted: what a
 * development token carries so that it can write to every resource, generated ones included.
 */
export function declaredScopes(doc: OpenApiDocument = loadSpec()): string[] {
  const scopes = new Set<string>();
  for (const pathItem of Object.values(doc.paths)) {
    for (const method of OPERATION_METHODS) {
      const operation = pathItem?.[method] as Record<string, unknown> | undefined;
      const required = operation?.['x-required-scopes'];
      if (Array.isArray(required)) for (const s of required) scopes.add(String(s));
    }
  }
  return [...scopes].sort();
}
