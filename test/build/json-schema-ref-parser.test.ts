import $RefParser from '@apidevtools/json-schema-ref-parser';
import { withoutAnonymousAccess } from '../../app/auth/security-requirements';
import { loadValidatorSpec } from '../../app/openapi/spec';

// The build-time stand-in the bundled express-openapi-validator gets (scripts/build.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS shim file
const standIn = require('../../scripts/build-shims/json-schema-ref-parser.js') as {
  $RefParser: {
    bundle(schema: unknown): Promise<unknown>;
    dereference(schema: unknown): Promise<unknown>;
  };
};

describe('json-schema-ref-parser stand-in (scripts/build-shims/json-schema-ref-parser.js)', () => {
  it('gives back every contract the app hands the validator, as the real bundle() does', async () => {
    for (const validateResponses of [false, true]) {
      for (const spec of [
        loadValidatorSpec(validateResponses),
        withoutAnonymousAccess(loadValidatorSpec(validateResponses)),
      ]) {
        const expected = structuredClone(spec);
        const real = await $RefParser.bundle(structuredClone(spec) as never);
        expect(await standIn.$RefParser.bundle(spec)).toBe(spec);
        expect(await standIn.$RefParser.dereference(spec)).toBe(spec);
        expect(spec).toEqual(expected);
        expect(real).toEqual(expected);
      }
    }
  });

  it('refuses, at start-up, a document it would have to resolve', async () => {
    const withRef = { paths: { '/a': { get: { responses: { 200: { $ref: '#/x' } } } } } };
    await expect(standIn.$RefParser.bundle(withRef)).rejects.toThrow(
      /\$ref at #\/paths\/\/a\/get\/responses\/200\/\$ref/,
    );
    await expect(standIn.$RefParser.dereference('openapi.yaml')).rejects.toThrow(/in-memory/);
  });
});
