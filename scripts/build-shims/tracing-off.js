// Build-time stand-in for entry/tracing.ts (Powertools Tracer + aws-xray-sdk-core,
// ≈125 KB minified and ≈120 ms to load). lambda.ts requires that module only when TRACING=true,
// so the default bundle carries this instead; build with `TRACING_BUILD=true npm run build`
// to ship the real tracer. Deploying this bundle with TRACING=true fails at init, loudly,
// rather than running without the traces the configuration asked for.
'use strict';

exports.createTracing = function createTracing() {
  throw new Error(
    'TRACING=true, but this bundle was built without the tracer: build it with ' +
      '`TRACING_BUILD=true npm run build`, or unset TRACING',
  );
};
