import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { ProblemBody } from '../app/http/problem-response';
import { ProblemTypes, type ProblemType } from '../app/http/problem-types';
import type { InvocationFactsSource } from '../app/http/invocation';
import {
  createLambdaHandler,
  createStreamingLambdaHandler,
  currentInvocation,
  type ColdStartTracker,
  type FailureResponse,
  type LambdaHandler,
  type LambdaStreamingRuntime,
  type StreamingLambdaHandler,
} from '../lambda-adapter';

export interface AppHandlerOptions {
  basePath?: string;
  logger: Logger;
  coldStart?: ColdStartTracker;
}

/**
 * The app-specific half of serving on Lambda: the adapter (lambda-adapter/, which knows no
 * app) given this API's problem response for its own failures, and the invocation facts
 * handed to the app through its one seam. lambda-entry.ts and the tests' Lambda transports
 * both wire the app through here, so the tests exercise exactly what ships.
 */
export function appLambdaHandler(app: RequestListener, options: AppHandlerOptions): LambdaHandler {
  return createLambdaHandler(app, {
    ...options,
    failureResponse: internalProblem,
    oversizeResponse: responseTooLarge,
  });
}

/**
 * The same, streaming (REST in STREAM mode, Function URLs): not yet marked for the runtime,
 * so that wrappers (tracing, the secrets gate) go inside; lambda-entry.ts marks the outermost
 * function with streamifyResponse. `runtime` replaces the awslambda global (tests).
 */
export function appStreamingHandler(
  app: RequestListener,
  options: AppHandlerOptions & { runtime?: LambdaStreamingRuntime },
): StreamingLambdaHandler {
  return createStreamingLambdaHandler(app, {
    ...options,
    failureResponse: internalProblem,
    oversizeResponse: responseTooLarge,
  });
}

/**
 * The app's view of the current invocation: read from the invocation's own async context
 * (lambda-adapter/invocation-facts.ts), so concurrent invocations never see each other's.
 */
export const appInvocationFacts: InvocationFactsSource = currentInvocation;

function internalProblem(requestId: string): FailureResponse {
  return problemResponse(requestId, ProblemTypes.internal);
}

/** Past Lambda's buffered limit: say which limit, and what streams instead. */
function responseTooLarge(requestId: string, limitBytes: number): FailureResponse {
  const mib = limitBytes / (1024 * 1024);
  return problemResponse(
    requestId,
    ProblemTypes.responseTooLarge,
    `The response is larger than ${limitBytes} bytes (${mib} MiB), the limit of a buffered ` +
      'Lambda response. Call this route through the streaming entry (API Gateway REST in ' +
      'STREAM mode or a Function URL with RESPONSE_STREAM), or ask for less.',
  );
}

function problemResponse(
  requestId: string,
  problem: ProblemType,
  detail?: string,
): FailureResponse {
  const body: ProblemBody = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    ...(detail === undefined ? {} : { detail }),
    requestId,
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId },
    body: JSON.stringify(body),
  };
}
