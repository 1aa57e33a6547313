/**
 * The Node.js Lambda runtime's response-streaming interface, as its runtime interface client
 * publishes it (aws/aws-lambda-nodejs-runtime-interface-client: src/UserFunction.js,
 * src/HttpResponseStream.js, src/ResponseStream.js):
 *
 * - `awslambda.streamifyResponse(handler)` marks a handler as streaming (it sets
 *   `Symbol.for('aws.lambda.runtime.handler.streaming')` to 'response' and returns the same
 *   function); the runtime then calls it as `handler(event, responseStream, context)`.
 * - `awslambda.HttpResponseStream.from(stream, prelude)` sets the stream's content type to
 *   `application/vnd.awslambda.http-integration-response` and, on the first `write`, writes
 *   the prelude (JSON: statusCode, headers, cookies) then 8 NUL bytes before the body.
 *   `end(chunk)` does not count as a first write there (the prelude would be lost), so this
 *   adapter never passes a chunk to `end`.
 * - The response stream forwards `write` (returning false when its buffer is full, then
 *   'drain'), `end(callback)`, `destroy` and the EventEmitter methods to the HTTP request
 *   that carries the body to the runtime API.
 *
 * `awslambda` is a global only inside the Lambda runtime: nothing here reads it at import.
 */
import type { Context } from 'aws-lambda';

/** The runtime's response stream: the part of a Writable it exposes. */
export interface LambdaResponseStream {
  write(chunk: Uint8Array | string, callback?: (error?: Error | null) => void): boolean;
  end(callback?: () => void): unknown;
  destroy(error?: Error): unknown;
  setContentType(contentType: string): void;
  on(event: 'drain' | 'close' | 'finish', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  readonly writableFinished?: boolean;
  readonly destroyed?: boolean;
}

/** The prelude an HTTP front door reads before the body (Function URL, REST in STREAM mode). */
export interface HttpResponsePrelude {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
}

export interface LambdaStreamingRuntime {
  streamifyResponse<H extends StreamingLambdaHandler>(handler: H): H;
  HttpResponseStream: {
    from(stream: LambdaResponseStream, prelude: HttpResponsePrelude): LambdaResponseStream;
  };
}

export type StreamingLambdaHandler = (
  event: unknown,
  responseStream: LambdaResponseStream,
  context: Context,
) => Promise<void>;

/** The runtime's `awslambda` global, or undefined outside the Lambda runtime. */
export function lambdaStreamingRuntime(): LambdaStreamingRuntime | undefined {
  // @types/aws-lambda declares the global as a full Writable; the runtime's stream is the
  // narrower object described above, which is what this adapter relies on.
  const runtime = (globalThis as unknown as { awslambda?: Partial<LambdaStreamingRuntime> })
    .awslambda;
  // Other libraries hang their own objects on the global (@aws/lambda-invoke-store puts its
  // store there), so its existence alone proves nothing.
  return typeof runtime?.streamifyResponse === 'function' && runtime.HttpResponseStream
    ? (runtime as LambdaStreamingRuntime)
    : undefined;
}

/**
 * Marks a handler as streaming with the runtime's own `streamifyResponse` when loaded inside
 * the Lambda runtime; elsewhere (tests, local tools) the handler is returned as is, so loading
 * the bundle never fails for want of the global.
 */
export function streamifyResponse<H extends StreamingLambdaHandler>(handler: H): H {
  return lambdaStreamingRuntime()?.streamifyResponse(handler) ?? handler;
}
