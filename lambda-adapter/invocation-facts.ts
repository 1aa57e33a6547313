import { getCurrentInvoke } from '@codegenie/serverless-express';
import type { Context } from 'aws-lambda';
import type { InvocationFacts } from '../app/http/invocation';
import type { RequestFacts } from './event-request';

/** Facts computed while converting each event; keyed by the event object itself. */
const factsByEvent = new WeakMap<object, RequestFacts>();

export function rememberFacts(event: object, facts: RequestFacts): void {
  factsByEvent.set(event, facts);
}

/**
 * The one seam through which the app learns about the current invocation (passed to
 * createApp as `invocation`). Lambda runs one invocation at a time per container, so the
 * adapter's "current invoke" is this request's.
 */
export function currentInvocationFacts(): InvocationFacts | undefined {
  const { event, context } = getCurrentInvoke() as { event?: object; context?: Partial<Context> };
  if (!event) return undefined;
  const facts = factsByEvent.get(event);
  const getRemaining = context?.getRemainingTimeInMillis;
  return {
    awsRequestId: context?.awsRequestId,
    sourceIp: facts?.sourceIp,
    basePath: facts?.basePath,
    remainingTimeMs: getRemaining ? () => getRemaining.call(context) : undefined,
  };
}
