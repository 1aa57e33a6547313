// Build-time stand-in for lodash.clonedeep (≈9 KB minified, and about 6 ms of a cold start to
// load and to walk the contract). express-openapi-validator is its only user in the bundle, and
// only to copy the OpenAPI document it is given (index.js, schema.preprocessor.js): plain JSON
// data, which the platform's structuredClone copies alike. Anything it could not copy (a
// function) throws at start-up, where lodash would have silently replaced it with `{}`.
'use strict';

module.exports = function cloneDeep(value) {
  return structuredClone(value);
};
