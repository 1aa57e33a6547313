// Build-time wrapper around path-to-regexp for express-openapi-validator only. On every
// request the validator's route lookup recompiles a RegExp for every route of the contract
// (openapi.metadata.js calls pathToRegexp inside its per-request loop). The result depends
// only on (path, options) and the RegExp is used with exec() only (no global/sticky state),
// so compiling each once is the same behaviour without the per-request work.
//
// The validator passes a fresh `{ sensitive, strict }` on every call: those two flags key the
// cache directly (serialising the options object cost more than the lookup saved); any other
// option falls back to a key of the whole object.
'use strict';

const real = require('path-to-regexp'); // test/build/path-to-regexp-memo.test.ts compares the two

const cache = new Map();

function optionsKey(options) {
  if (!options) return '';
  for (const name in options) {
    if (name !== 'sensitive' && name !== 'strict') return JSON.stringify(options);
  }
  return (options.sensitive ? 's' : '') + (options.strict ? 't' : '');
}

function pathToRegexp(path, options) {
  if (typeof path !== 'string') return real.pathToRegexp(path, options);
  const key = `${path}\u0000${optionsKey(options)}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = real.pathToRegexp(path, options);
    cache.set(key, hit);
  }
  return hit;
}

module.exports = { ...real, pathToRegexp };
