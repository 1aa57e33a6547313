import * as real from 'path-to-regexp';

// The build-time wrapper the validator's route lookup gets (scripts/build.ts, leanModules).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS shim file
const memo = require('../../scripts/build-shims/path-to-regexp-memo.js') as typeof real;

describe('path-to-regexp memo (scripts/build-shims/path-to-regexp-memo.js)', () => {
  const paths = ['/v1/items/:id', '/v1/items', '/health/live'];
  const optionSets = [
    undefined,
    {},
    { sensitive: true, strict: true },
    { sensitive: false, strict: true },
    { sensitive: true, strict: false },
    { strict: true, end: false },
    { end: false },
  ];

  it('compiles each (path, options) as path-to-regexp does, once', () => {
    for (const path of paths) {
      for (const options of optionSets) {
        const ours = memo.pathToRegexp(path, options);
        const theirs = real.pathToRegexp(path, options);
        expect(ours.regexp.source).toBe(theirs.regexp.source);
        expect(ours.regexp.flags).toBe(theirs.regexp.flags);
        expect(ours.keys).toEqual(theirs.keys);
        // A fresh but equal options object (as the validator passes) hits the cache.
        expect(memo.pathToRegexp(path, options && { ...options })).toBe(ours);
      }
    }
  });

  it('never mixes up options that compile differently', () => {
    const compiled = (p: typeof real, o: (typeof optionSets)[number]) =>
      String(p.pathToRegexp('/v1/items', o).regexp);
    // In option order: each cached entry is the one its own options compile to.
    expect(optionSets.map((o) => compiled(memo, o))).toEqual(
      optionSets.map((o) => compiled(real, o)),
    );
    expect(new Set(optionSets.map((o) => compiled(real, o))).size).toBeGreaterThan(2);
  });
});
