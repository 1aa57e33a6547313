import type { RequestListener } from 'node:http';
import {
  beginInvocation,
  bufferedServer,
  type FailureResponse,
  type LambdaHandlerOptions,
} from './create-handler';
import { coldStartTracker } from './cold-start';
import { toNodeRequest } from './event-request';
import { isStreamable, toStreamPrelude, type StreamableShape } from './event-result';
import { invocations, type Invocation } from './invocation-facts';
import {
  lambdaStreamingRuntime,
  type LambdaResponseStream,
  type LambdaStreamingRuntime,
  type StreamingLambdaHandler,
} from './response-stream';
import { serveStreamed } from './stream-bridge';
import { WARMUP_RESULT } from './warmup';

export interface StreamingHandlerOptions extends LambdaHandlerOptions {
  /** The runtime's streaming interface (default: the `awslambda` global, read per invocation). */
  runtime?: LambdaStreamingRuntime;
}

function writeAndEnd(stream: LambdaResponseStream, body: string): Promise<void> {
  stream.write(body);
  return new Promise((resolve) => stream.end(resolve));
}

/** A buffered-style answer for invocations that cannot stream (see below). */
function writeWhole(stream: LambdaResponseStream, result: unknown): Promise<void> {
  stream.setContentType('application/json');
  return writeAndEnd(stream, JSON.stringify(result));
}

function requireRuntime(runtime: LambdaStreamingRuntime | undefined): LambdaStreamingRuntime {
  if (runtime) return runtime;
  throw new Error(
    'streamHandler needs the Lambda runtime (the awslambda global): use `handler` elsewhere',
  );
}

/**
 * Wraps a Node request listener (an Express app) as a streaming Lambda handler: for a REST API
 * integration in STREAM mode or a
 * Function URL with InvokeMode RESPONSE_STREAM, status and headers go out when the app first
 * writes the body (or ends), and each later `res.write` reaches the client as it happens.
 *
 * - Before the first byte, failures are ordinary responses (the app's own problem answers;
 *   the adapter's `failureResponse` for its own).
 * - After it, an error ends the stream: it is logged and the handler rejects, which the
 *   runtime reports to Lambda (error trailers; the client sees the body cut short).
 * - A client that goes away closes the app's response ('close'), so its work stops.
 * - Front doors that cannot stream (HTTP APIs, ALB, VPC Lattice) invoke a streaming function
 *   with a plain Invoke, which returns the stream's bytes as the payload: those events get the
 *   buffered result written whole, so the same function still answers them.
 *
 * The handler is not yet marked for the runtime: wrap it as needed, then pass the outermost
 * function to `streamifyResponse` (the mark is a property of the function the runtime calls).
 */
export function createStreamingLambdaHandler(
  app: RequestListener,
  options: StreamingHandlerOptions,
): StreamingLambdaHandler {
  const buffered = bufferedServer(app, options);
  const coldStart = options.coldStart ?? coldStartTracker();
  const failure = options.failureResponse;

  const stream = async (
    invocation: Invocation,
    runtime: LambdaStreamingRuntime,
    responseStream: LambdaResponseStream,
  ): Promise<void> => {
    if (!isStreamable(invocation)) {
      return writeWhole(responseStream, await buffered(invocation));
    }
    const { shape } = invocation;
    const { values, facts } = toNodeRequest(invocation, options.basePath);
    invocation.facts = facts;
    const outcome = await serveStreamed(app, values, responseStream, (statusCode, headers) =>
      runtime.HttpResponseStream.from(responseStream, toStreamPrelude(shape, statusCode, headers)),
    );
    const requestId = invocation.context.awsRequestId;
    switch (outcome.kind) {
      case 'finished':
        return;
      case 'client-gone':
        options.logger.warn(
          { requestId, err: outcome.error },
          'response stream closed by the client before the response ended',
        );
        return;
      case 'abandoned':
        if (!outcome.headSent && failure) {
          // Nothing reached the client yet: an ordinary failure response still can.
          options.logger.error(
            { requestId, err: outcome.error },
            'response failed before it started',
          );
          return writeFailure(runtime, responseStream, shape, failure(requestId));
        }
        options.logger.error(
          { requestId, err: outcome.error },
          'response failed after its first byte: stream ended early',
        );
        throw outcome.error;
    }
  };

  return async (event, responseStream, context) => {
    const invocation = beginInvocation(event, context, coldStart);
    if (invocation === 'warmup') return writeWhole(responseStream, WARMUP_RESULT);
    const runtime = options.runtime ?? lambdaStreamingRuntime();
    return invocations.run(invocation, () =>
      stream(invocation, requireRuntime(runtime), responseStream),
    );
  };
}

function writeFailure(
  runtime: LambdaStreamingRuntime,
  responseStream: LambdaResponseStream,
  shape: StreamableShape,
  response: FailureResponse,
): Promise<void> {
  const out = runtime.HttpResponseStream.from(
    responseStream,
    toStreamPrelude(shape, response.statusCode, response.headers),
  );
  return writeAndEnd(out, response.body);
}
