// Build-time stand-in for iconv-lite (≈480 KB minified), which body-parser and raw-body use
// only to decode request bodies. JSON must be UTF-8 (RFC 8259) and the app already answers
// any other declared charset with 415 before the body parser runs (app/http/json-body.ts);
// this keeps the same contract if one slips through: unknown encodings fail as iconv-lite's do.
'use strict';

const UTF8 = new Set(['utf8', 'utf-8']);

function assertSupported(encoding) {
  if (!UTF8.has(String(encoding).toLowerCase())) {
    throw new Error(
      "Encoding not recognized: '" + encoding + "' (searched as: '" + encoding + "')",
    );
  }
}

exports.encodingExists = (encoding) => UTF8.has(String(encoding).toLowerCase());

exports.getDecoder = (encoding) => {
  assertSupported(encoding);
  const decoder = new TextDecoder('utf-8');
  return { write: (buf) => decoder.decode(buf, { stream: true }), end: () => decoder.decode() };
};

exports.decode = (buf, encoding) => {
  assertSupported(encoding);
  return new TextDecoder('utf-8').decode(buf);
};

exports.encode = (str, encoding) => {
  assertSupported(encoding);
  return Buffer.from(str, 'utf8');
};
