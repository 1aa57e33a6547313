/**
 * The Lambda adapter's public surface: any Node request listener (an Express app) as a Lambda
 * handler for API Gateway REST and HTTP APIs, Function URLs, ALB and VPC Lattice (buffered), a
 * streaming handler for REST in STREAM mode and Function URLs, and the facts of the
 * invocation being served. It knows nothing of the app it serves: everything app-specific
 * (the failure response, the logger) comes in as options.
 */
export {
  BUFFERED_RESPONSE_LIMIT_BYTES,
  createLambdaHandler,
  UnsupportedEventError,
  type AdapterLogger,
  type FailureResponse,
  type LambdaHandler,
  type LambdaHandlerOptions,
} from './create-handler';
export {
  createStreamingLambdaHandler,
  type StreamingHandlerOptions,
} from './create-stream-handler';
export {
  streamifyResponse,
  type HttpResponsePrelude,
  type LambdaResponseStream,
  type LambdaStreamingRuntime,
  type StreamingLambdaHandler,
} from './response-stream';
export { coldStartTracker, type ColdStartTracker } from './cold-start';
export {
  classifyEvent,
  type ClassifiedEvent,
  type EventShape,
  type LatticeEventV2,
} from './event-shape';
export { currentInvocation, type LambdaInvocationFacts } from './invocation-facts';
export { isWarmupEvent, WARMUP_RESULT } from './warmup';
