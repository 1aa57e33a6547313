// Build-time wrapper around path-to-regexp for express-openapi-validator only. On every
// request the validator's route lookup recompiles a RegExp for every route of the contract
// (openapi.metadata.js calls pathToRegexp inside its per-request loop). The result depends
// only on (path, options) and the RegExp is used with exec() only (no global/sticky state),
// so compiling each once is the same behaviour without the per-request work.
'use strict';

const real = require('path-to-regexp'); // the same copy the validator resolves (checked by test/build);

const cache = new Map();

function pathToRegexp(path, options) {
  const key =
    typeof path === 'string' ? `${path}\u0000${JSON.stringify(options || {})}` : undefined;
  if (key === undefined) return real.pathToRegexp(path, options);
  let hit = cache.get(key);
  if (!hit) {
    hit = real.pathToRegexp(path, options);
    cache.set(key, hit);
  }
  return hit;
}

module.exports = { ...real, pathToRegexp };
