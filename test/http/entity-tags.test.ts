import { etagFor, ifNoneMatchMatches, parseIfMatch } from '../../app/http/entity-tags';

describe('entity tags', () => {
  it('formats strong tags from versions', () => {
    expect(etagFor(3)).toBe('"v3"');
  });

  it('parses If-Match', () => {
    expect(parseIfMatch(undefined)).toEqual({ kind: 'any' });
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
    expect(parseIfMatch('"v2"')).toEqual({ kind: 'oneOf', versions: [2] });
    expect(parseIfMatch('"v2", "v5" ,"v2"')).toEqual({ kind: 'oneOf', versions: [2, 5] });
    // Weak and foreign tags never match under strong comparison.
    expect(parseIfMatch('W/"v2"')).toEqual({ kind: 'oneOf', versions: [] });
    expect(parseIfMatch('"abc", v3')).toEqual({ kind: 'oneOf', versions: [] });
  });

  it('matches If-None-Match weakly', () => {
    expect(ifNoneMatchMatches(undefined, 1)).toBe(false);
    expect(ifNoneMatchMatches('"v1"', 1)).toBe(true);
    expect(ifNoneMatchMatches('W/"v1"', 1)).toBe(true);
    expect(ifNoneMatchMatches('"v2"', 1)).toBe(false);
    expect(ifNoneMatchMatches('"v2", "v1"', 1)).toBe(true);
    expect(ifNoneMatchMatches('*', 1)).toBe(true);
  });
});
