// Build-time stand-in for object-inspect (≈18 KB minified). qs reaches it through the
// side-channel packages, which call it in one place only: to name the missing key in the
// message of the TypeError that `channel.assert(key)` throws (qs never calls assert). Node's
// own util.inspect formats that message just as well, at no bundle cost.
'use strict';

const { inspect } = require('node:util');

module.exports = function objectInspect(value, options) {
  return inspect(value, { depth: options && options.depth !== undefined ? options.depth : 5 });
};
