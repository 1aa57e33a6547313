import type { Request } from 'express';
import type { OpenApiDocument } from '../openapi/spec';
import { routeMatcher } from './access-log';

import { OPERATION_METHODS } from '../openapi/methods';

/**
 * Whether the contract requires a body of this request's operation (`requestBody.required`),
 * from the dereferenced spec the validator uses. A method the path does not declare needs
 * none, so it reaches the validator and its 405.
 */
export function requiresBody(spec: OpenApiDocument): (req: Request) => boolean {
  const required = new Set<string>();
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    for (const method of OPERATION_METHODS) {
      const body = item?.[method]?.requestBody;
      if (body && 'required' in body && body.required) {
        required.add(`${method.toUpperCase()} ${template}`);
      }
    }
  }
  const methods = new Set([...required].map((key) => key.split(' ')[0]));
  const matchRoute = routeMatcher(Object.keys(spec.paths ?? {}));
  // Most requests are reads: the method alone answers, without matching the path.
  return (req) => methods.has(req.method) && required.has(`${req.method} ${matchRoute(req.path)}`);
}
