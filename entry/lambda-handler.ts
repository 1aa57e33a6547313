import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { ProblemBody } from '../app/http/problem-response';
import { ProblemTypes } from '../app/http/problem-types';
import type { InvocationFactsSource } from '../app/http/invocation';
import {
  createLambdaHandler,
  currentInvocation,
  type ColdStartTracker,
  type FailureResponse,
  type LambdaHandler,
} from '../lambda-adapter';

/**
 * The app-specific half of serving on Lambda: the adapter (lambda-adapter/, which knows no
 * app) given this API's problem response for its own failures, and the invocation facts
 * handed to the app through its one seam. lambda-entry.ts and the tests' Lambda transports
 * both wire the app through here, so the tests exercise exactly what ships.
 */
export function appLambdaHandler(
  app: RequestListener,
  options: { basePath?: string; logger: Logger; coldStart?: ColdStartTracker },
): LambdaHandler {
  return createLambdaHandler(app, { ...options, failureResponse: internalProblem });
}

/**
 * The app's view of the current invocation: read from the invocation's own async context
 * (lambda-adapter/invocation-facts.ts), so concurrent invocations never see each other's.
 */
export const appInvocationFacts: InvocationFactsSource = currentInvocation;

function internalProblem(requestId: string): FailureResponse {
  const problem = ProblemTypes.internal;
  const body: ProblemBody = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    requestId,
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId },
    body: JSON.stringify(body),
  };
}
