import { Tracer } from '@aws-lambda-powertools/tracer';
import type { RequestRecord } from '../app/observability/request-record';

/**
 * X-Ray tracing through Powertools Tracer, for TRACING=true only. lambda-entry.ts `require`s
 * this module lazily, so with tracing off neither it nor aws-xray-sdk-core (≈120 ms to load) is
 * evaluated; and `npm run build` replaces it with scripts/build-shims/tracing-off.js unless
 * TRACING_BUILD=true, keeping ≈125 KB out of the default bundle (see scripts/build.ts).
 *
 * With the function's active tracing, Lambda records the invocation; this adds:
 * - a subsegment per AWS SDK call of the clients passed to `captureClient` (DynamoDB);
 * - a `## handler` subsegment per invocation, annotated with Service and, once the response is
 *   finished, ColdStart, route, method and status (searchable in X-Ray).
 */
export interface Tracing {
  captureClient<T>(client: T): T;
  /** The handler (buffered or streaming) with one subsegment per invocation. */
  wrap<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
  /** Annotates the invocation's subsegment with the finished request (AppDeps.observe). */
  observe(record: RequestRecord): void;
}

export function createTracing(options: { serviceName: string }): Tracing {
  const tracer = new Tracer({
    serviceName: options.serviceName,
    // Not every outgoing HTTP(S) request: the JWKS download starts at init, outside any
    // invocation, and an instrumented request in flight then becomes the "current" segment
    // that the first invocations' subsegments attach to (seen here: a broken first trace).
    // AWS SDK calls are traced through captureClient instead.
    captureHTTPsRequests: false,
  });
  return {
    captureClient: (client) => tracer.captureAWSv3Client(client),
    wrap(handler) {
      if (!tracer.isTracingEnabled()) return handler;
      return async (...args) => {
        const parent = tracer.getSegment();
        const subsegment = parent?.addNewSubsegment('## handler');
        if (subsegment) tracer.setSegment(subsegment);
        tracer.addServiceNameAnnotation();
        try {
          return await handler(...args);
        } catch (err) {
          tracer.addErrorAsMetadata(err as Error);
          throw err;
        } finally {
          if (parent && subsegment) {
            subsegment.close();
            tracer.setSegment(parent);
          }
        }
      };
    },
    observe({ route, method, status, coldStart }) {
      tracer.putAnnotation('ColdStart', coldStart === true);
      tracer.putAnnotation('route', route);
      tracer.putAnnotation('method', method);
      tracer.putAnnotation('status', status);
    },
  };
}
