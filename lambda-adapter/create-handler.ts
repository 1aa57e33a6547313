import type { RequestListener } from 'node:http';
import serverlessExpress from '@codegenie/serverless-express';
import type { Context } from 'aws-lambda';
import { toNodeRequest } from './event-request';
import { isBinaryResponse, toEventResult, type NodeResponseValues } from './event-result';
import { classifyEvent } from './event-shape';
import { coldStartTracker, type ColdStartTracker } from './cold-start';
import { invocations, type Invocation } from './invocation-facts';
import { isWarmupEvent, WARMUP_RESULT } from './warmup';

/** The two levels the adapter logs at (a pino logger fits). */
export interface AdapterLogger {
  error(detail: object, message: string): void;
  warn(detail: object, message: string): void;
}

/** The response sent when the adapter itself fails (an event it could not read...). */
export interface FailureResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface LambdaHandlerOptions {
  /** Prefix to strip before routing (config BASE_PATH), e.g. a custom-domain mapping. */
  basePath?: string;
  logger: AdapterLogger;
  /** Built for each adapter failure, given the invocation's awsRequestId ('unknown' if none). */
  failureResponse?: (requestId: string) => FailureResponse;
  /** Which invocation is the process's cold start (default: a tracker of this handler's own). */
  coldStart?: ColdStartTracker;
}

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const plainFailure = (): FailureResponse => ({
  statusCode: 500,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Internal Server Error',
});

export class UnsupportedEventError extends Error {
  constructor() {
    super(
      'Unsupported event: expected API Gateway (REST or HTTP API), a Function URL, ALB or VPC Lattice (v2)',
    );
    this.name = 'UnsupportedEventError';
  }
}

/**
 * Wraps any Node request listener (an Express app) as a Lambda handler serving every HTTP
 * event shape. @codegenie/serverless-express runs the listener against an in-memory request
 * and response; the event mapping is ours (see event-request.ts for why its defaults do not do).
 */
export function createLambdaHandler(
  app: RequestListener,
  options: LambdaHandlerOptions,
): LambdaHandler {
  const failure = options.failureResponse ?? plainFailure;
  const log = {
    error: (message: string, detail?: unknown) => options.logger.error({ err: detail }, message),
    warn: (message: string, detail?: unknown) => options.logger.warn({ detail }, message),
    info: () => undefined,
    verbose: () => undefined,
    debug: () => undefined,
  };
  const proxy = serverlessExpress({
    app,
    log,
    respondWithErrors: false, // never a stack trace in a response
    // The transport is handed our Invocation, not the raw event, so it cannot detect the
    // source itself; the name only decides that its own errors still go through getResponse.
    eventSourceName: 'AWS_API_GATEWAY_V1',
    binarySettings: {
      isBinary: ({ headers }: { headers: NodeResponseValues['headers'] }) =>
        isBinaryResponse(headers),
    },
    eventSource: {
      getRequest: ({ event }: { event: Invocation }) => {
        const { values, facts } = toNodeRequest(event, options.basePath);
        event.facts = facts;
        return values;
      },
      getResponse: (res: NodeResponseValues & { event: Invocation; response?: unknown }) => {
        // No response means the adapter itself failed (e.g. an event it could not read):
        // still answer the configured failure, never an empty 500.
        const values: NodeResponseValues =
          res.response === undefined
            ? { ...failure(res.event.context?.awsRequestId ?? 'unknown'), isBase64Encoded: false }
            : res;
        return toEventResult(res.event, values);
      },
    },
  });

  const coldStart = options.coldStart ?? coldStartTracker();
  return async (event, context) => {
    // Every invocation counts, pings included: a container a warmer started is warm after.
    const cold = coldStart.next();
    if (isWarmupEvent(event)) return WARMUP_RESULT;
    const classified = classifyEvent(event);
    if (!classified) throw new UnsupportedEventError();
    const invocation: Invocation = { ...classified, context, coldStart: cold };
    // The listener serves this request inside the invocation's own async context.
    return invocations.run(invocation, () => proxy(invocation, context, () => undefined));
  };
}
