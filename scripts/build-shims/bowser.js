// Build-time stand-in for bowser (≈34 KB minified), a browser user-agent parser. @aws-sdk/core
// reaches it only through createUserAgentStringParsingProvider (util-user-agent-browser), which
// `import("bowser")`s it lazily; that provider is part of the browser build of the SDK and no
// Node client calls it (Node clients build their user agent from `process`, in
// util-user-agent-node). If anything ever does parse a user agent here, fail loudly.
'use strict';

function unavailable() {
  throw new Error('bowser (browser user-agent parsing) is not part of this Node bundle');
}
exports.parse = unavailable;
exports.getParser = unavailable;
exports.default = { parse: unavailable, getParser: unavailable };
