// Build-time stand-in for express-openapi-validator's OpenAPISchemaValidator, which compiles
// the whole OpenAPI meta-schema with ajv whenever a middleware is created (≈100 ms of cold
// start, even with validateApiSpec: false). `npm run build` validates openapi.yaml with the
// real one instead; the bundle must then run with validateApiSpec: false, enforced here.
'use strict';

class OpenAPISchemaValidator {
  constructor(opts) {
    if (opts && opts.validateApiSpec) {
      throw new Error(
        'validateApiSpec must be false in the bundle: the spec is validated at build time',
      );
    }
  }

  validate() {
    return { errors: [] };
  }
}
exports.OpenAPISchemaValidator = OpenAPISchemaValidator;
