// Build-time stand-in for @apidevtools/json-schema-ref-parser (≈45 KB minified with its
// dependencies, and about 10 ms of a cold start). express-openapi-validator is its only user in
// the bundle, to resolve the `$ref`s of the document it is given (framework/index.js,
// `loadSpec`: `bundle`, or `dereference` when so configured). The app always gives it the
// contract with every `$ref` already inlined (app/openapi/validator-spec.ts; the build inlines
// openapi.yaml), so there is nothing to resolve: the real `bundle` returns such a document as it
// is, the same object, and so does this. A `$ref`, or a file path to read, cannot be served
// here: it throws, at start-up, rather than validate against an unresolved schema.
'use strict';

function findRef(node, path) {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = findRef(node[i], `${path}/${i}`);
      if (found) return found;
    }
  } else if (node !== null && typeof node === 'object') {
    for (const key of Object.keys(node)) {
      if (key === '$ref' && typeof node[key] === 'string') return `${path}/$ref`;
      const found = findRef(node[key], `${path}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

function resolved(schema) {
  if (schema === null || typeof schema !== 'object') {
    return Promise.reject(
      new Error('json-schema-ref-parser stand-in: only an in-memory document can be given'),
    );
  }
  const ref = findRef(schema, '#');
  if (ref) {
    return Promise.reject(
      new Error(
        `json-schema-ref-parser stand-in: the document still has a $ref at ${ref}; ` +
          'this bundle resolves none (app/openapi/validator-spec.ts inlines them)',
      ),
    );
  }
  return Promise.resolve(schema);
}

const $RefParser = { bundle: resolved, dereference: resolved };
module.exports = { ...$RefParser, $RefParser, default: $RefParser };
