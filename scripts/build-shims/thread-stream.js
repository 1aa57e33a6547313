// Build-time stand-in for thread-stream (≈10 KB minified). pino requires it at load time but
// constructs one only for worker-thread transports (pino.transport(), or a `transport`
// option), which app/observability/logger.ts never configures: the app logs JSON to stdout, as Lambda
// expects. Worker transports could not run from this single-file bundle anyway (pino's worker
// script and the transport targets are resolved from disk). If one is ever configured, fail
// loudly at start-up instead of losing logs.
'use strict';

function ThreadStream() {
  throw new Error(
    'pino worker transports are not part of this bundle: log JSON to stdout (app/observability/logger.ts)',
  );
}
module.exports = ThreadStream;
