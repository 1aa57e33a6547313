/**
 * What the app may know about the Lambda invocation serving a request. The app never sees an
 * event: the Lambda entry (entry/lambda-handler.ts) supplies these facts through this one seam; the local server supplies none.
 */
export interface InvocationFacts {
  /** Lambda's awsRequestId, the request id fallback. */
  awsRequestId?: string;
  /** Client IP as the front door (API Gateway, Function URL, ALB) saw it; never a client header. */
  sourceIp?: string;
  /** Path prefix the client used that routing does not see (stage, base path mapping). */
  basePath?: string;
  /** First invocation of this container (not counted under provisioned concurrency). */
  coldStart?: boolean;
  /** Milliseconds left before Lambda stops the invocation. */
  remainingTimeMs?: () => number;
}

export type InvocationFactsSource = () => InvocationFacts | undefined;
