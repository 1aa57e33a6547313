import { loadValidatorSpec } from '../../app/openapi/spec';

type CloneDeep = <T>(value: T) => T;
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, no type declarations */
const cloneDeep = require('lodash.clonedeep') as CloneDeep;
// The build-time stand-in the bundled express-openapi-validator gets (scripts/build.ts).
const standIn = require('../../scripts/build-shims/lodash-clonedeep.js') as CloneDeep;
/* eslint-enable @typescript-eslint/no-require-imports */

describe('lodash.clonedeep stand-in (scripts/build-shims/lodash-clonedeep.js)', () => {
  it('copies the contract the validator is given as lodash does: equal, and shares nothing', () => {
    for (const validateResponses of [false, true]) {
      const spec = loadValidatorSpec(validateResponses);
      const copy = standIn(spec);
      expect(copy).toEqual(cloneDeep(spec));
      expect(copy).not.toBe(spec);
      expect(copy.paths).not.toBe(spec.paths);
      const first = Object.keys(spec.paths ?? {})[0] as string;
      expect(copy.paths?.[first]).toEqual(spec.paths?.[first]);
      expect(copy.paths?.[first]).not.toBe(spec.paths?.[first]);
    }
  });

  it('refuses, at start-up, what it cannot copy, where lodash would silently drop it', () => {
    expect(() => standIn({ handler: () => undefined })).toThrow();
  });
});
