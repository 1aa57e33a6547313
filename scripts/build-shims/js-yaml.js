// Build-time stand-in for js-yaml: @apidevtools/json-schema-ref-parser imports it for YAML
// files, but the bundle hands the validator openapi.yaml already parsed (and $ref-free of
// external files), so nothing is ever parsed as YAML at run time.
'use strict';

function unavailable() {
  throw new Error('YAML parsing is not part of this bundle: the spec is inlined as JSON');
}
exports.load = unavailable;
exports.loadAll = unavailable;
exports.dump = unavailable;
class YAMLException extends Error {}
exports.YAMLException = YAMLException;
