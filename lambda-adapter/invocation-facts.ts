import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** The first invocation of this process (not counted when Lambda initialised it ahead). */
  coldStart: boolean;
  /** Milliseconds left before Lambda stops the invocation. */
  remainingTimeMs?: () => number;
}

/**
 * One invocation as the adapter serves it: the classified event, its context, whether it was
 * the process's cold start, and the facts computed while converting the event. It is the
 * "event" handed to serverless-express, and the value of this invocation's async context.
 */
export type Invocation = ClassifiedEvent & {
  context: Context;
  coldStart: boolean;
  facts?: RequestFacts;
};

/**
 * Each invocation runs inside its own async context, so that whatever the request listener
 * asks while serving it is answered from that invocation alone, however many share the process
 * (Lambda Managed Instances run many at once: AWS_LAMBDA_MAX_CONCURRENCY). No module-level
 * "current invocation" exists to be overwritten by the next one.
 */
export const invocations = new AsyncLocalStorage<Invocation>();

/** The facts of the invocation being served, or undefined outside one. */
export function currentInvocation(): LambdaInvocationFacts | undefined {
  const invocation = invocations.getStore();
  if (!invocation) return undefined;
  const { context, facts } = invocation;
  return {
    awsRequestId: context.awsRequestId,
    sourceIp: facts?.sourceIp,
    basePath: facts?.basePath,
    coldStart: invocation.coldStart,
    remainingTimeMs:
      typeof context.getRemainingTimeInMillis === 'function'
        ? () => context.getRemainingTimeInMillis()
        : undefined,
  };
}
