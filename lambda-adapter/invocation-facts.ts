import { getCurrentInvoke } from '@codegenie/serverless-express';
import type { Context } from 'aws-lambda';
import type { RequestFacts } from './event-request';
import type { ClassifiedEvent } from './event-shape';

/** What a request listener may learn about the Lambda invocation serving its request. */
export interface LambdaInvocationFacts {
  /** Lambda's awsRequestId. */
  awsRequestId?: string;
  /** Client IP as the front door (API Gateway, Function URL, ALB) saw it; never a client header. */
  sourceIp?: string;
  /** Path prefix the client used that routing does not see (stage, base path mapping). */
  basePath?: string;
  /** Milliseconds left before Lambda stops the invocation. */
  remainingTimeMs?: () => number;
}

/**
 * What the adapter hands serverless-express as "the event": the classified event, and the
 * facts computed while converting it, so that they travel with the invocation itself.
 */
export type Invocation = ClassifiedEvent & { facts?: RequestFacts };

/**
 * The facts of the invocation being served, for the request listener to read while it
 * handles the request. Lambda runs one invocation at a time per container, so the transport's
 * "current invoke" is this request's.
 */
export function currentInvocation(): LambdaInvocationFacts | undefined {
  const { event, context } = getCurrentInvoke() as {
    event?: Invocation;
    context?: Partial<Context>;
  };
  if (!event) return undefined;
  const getRemaining = context?.getRemainingTimeInMillis;
  return {
    awsRequestId: context?.awsRequestId,
    sourceIp: event.facts?.sourceIp,
    basePath: event.facts?.basePath,
    remainingTimeMs: getRemaining ? () => getRemaining.call(context) : undefined,
  };
}

/** The current invocation's awsRequestId, or undefined outside one. */
export function currentRequestId(): string | undefined {
  const { context } = getCurrentInvoke() as { context?: Partial<Context> };
  return context?.awsRequestId;
}
