import type { ResourceDefinition } from './resource-definition';

/**
 * Every resource `npm run new:resource` generated, as data: config reads their table names,
 * infra builds their tables and grants, the local stores create their tables, from this list.
 * The generator appends to it; edit a field list here and in openapi.yaml together.
 */
export const RESOURCES: readonly ResourceDefinition[] = [
  // new:resource inserts above this line
];

/** The definition of the resource called `name` (each feature folder reads its own). */
export function resourceNamed(name: string): ResourceDefinition {
  const found = RESOURCES.find((r) => r.name === name);
  if (!found) throw new Error(`app/resources/registry.ts has no resource named ${name}`);
  return found;
}
