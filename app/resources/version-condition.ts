/**
 * Which stored versions a conditional write accepts: `any` (the resource must merely exist) or
 * an explicit list (from If-Match). An empty list can never match.
 */
export type VersionCondition = { kind: 'any' } | { kind: 'oneOf'; versions: number[] };
