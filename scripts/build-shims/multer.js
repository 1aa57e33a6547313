// Build-time stand-in for multer (and busboy): express-openapi-validator requires it
// unconditionally, but the app runs with `fileUploader: false` and its contract has no
// multipart body, so multipart requests are answered 415 by the validator and multer is
// never called. If it ever is, fail loudly rather than parse uploads with a stub.
'use strict';

function multer() {
  throw new Error('multipart uploads are not part of this bundle (fileUploader: false)');
}
multer.memoryStorage = multer;
multer.diskStorage = multer;
multer.MulterError = class MulterError extends Error {};
module.exports = multer;
