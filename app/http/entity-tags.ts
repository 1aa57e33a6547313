/**
 * What an If-Match header allows a conditional write to replace: any existing version, or
 * one of the listed ones. (Structurally the repositories' own condition type, so a feature
 * passes it on as is; this module knows no feature.)
 */
export type IfMatchCondition = { kind: 'any' } | { kind: 'oneOf'; versions: number[] };

/** Strong ETag for a versioned resource: `"v<version>"`. */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

const STRONG_VERSION_TAG = /^"v(\d{1,15})"$/;

function splitList(header: string): string[] {
  return header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * If-Match -> the versions a conditional write may replace (RFC 9110 13.1.1: strong
 * comparison, so weak tags never match). Absent or `*` -> the item must merely exist.
 */
export function parseIfMatch(header: string | undefined): IfMatchCondition {
  if (header === undefined) return { kind: 'any' };
  const tags = splitList(header);
  if (tags.includes('*')) return { kind: 'any' };
  const versions = tags
    .map((tag) => STRONG_VERSION_TAG.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  return { kind: 'oneOf', versions: [...new Set(versions)] };
}

/** If-None-Match uses weak comparison (RFC 9110 13.1.2): `W/"v3"` matches `"v3"`. */
export function ifNoneMatchMatches(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  const current = etagFor(version);
  return splitList(header).some((tag) => tag === '*' || tag.replace(/^W\//, '') === current);
}
