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
  /**
   * The largest buffered result, in bytes of the JSON the handler returns (default 6 MiB,
   * Lambda's limit for a synchronous response). Past it, Lambda would fail the invocation
   * and the front door answer an opaque 502; the handler answers `oversizeResponse` instead.
   */
  maxResponseBytes?: number;
  /** The answer for a result over maxResponseBytes (default: a plain 500). */
  oversizeResponse?: (requestId: string, limitBytes: number) => FailureResponse;
}

/** Lambda's limit on a synchronous invocation's response payload. */
export const BUFFERED_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;

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

/** The result's size as Lambda counts it: the JSON it serialises. */
function exceedsLimit(result: Record<string, unknown>, limit: number): number | undefined {
  const body = typeof result.body === 'string' ? result.body : '';
  // JSON escaping at most sextuples a character (\u0000): a body under a sixth of the limit,
  // with room for headers, cannot exceed it; only larger ones are measured exactly.
  if (body.length < limit / 6 - 65_536) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(result));
  return bytes > limit ? bytes : undefined;
}

/**
 * Serves one invocation through @codegenie/serverless-express, which runs the listener
 * against an in-memory request and response; the event mapping is ours (see
 * event-request.ts for why its defaults do not do). The whole response is buffered.
 */
export function bufferedServer(
  app: RequestListener,
  options: LambdaHandlerOptions,
): (invocation: Invocation) => Promise<unknown> {
  const failure = options.failureResponse ?? plainFailure;
  const limit = options.maxResponseBytes ?? BUFFERED_RESPONSE_LIMIT_BYTES;
  const oversize = options.oversizeResponse ?? plainFailure;
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
        const requestId = res.event.context?.awsRequestId ?? 'unknown';
        // No response means the adapter itself failed (e.g. an event it could not read):
        // still answer the configured failure, never an empty 500.
        const values: NodeResponseValues =
          res.response === undefined ? { ...failure(requestId), isBase64Encoded: false } : res;
        const result = toEventResult(res.event, values);
        const bytes = exceedsLimit(result, limit);
        if (bytes === undefined) return result;
        options.logger.warn(
          { requestId, bytes, limitBytes: limit, status: values.statusCode },
          'response too large for a buffered Lambda response: answered 500 instead',
        );
        return toEventResult(res.event, { ...oversize(requestId, limit), isBase64Encoded: false });
      },
    },
  });
  return async (invocation) => proxy(invocation, invocation.context, () => undefined);
}

/**
 * The invocation an event starts: its shape classified, the cold start counted (pings too: a
 * container a warmer started is warm after). A warm-up ping is answered without the app.
 */
export function beginInvocation(
  event: unknown,
  context: Context,
  coldStart: ColdStartTracker,
): Invocation | 'warmup' {
  const cold = coldStart.next();
  if (isWarmupEvent(event)) return 'warmup';
  const classified = classifyEvent(event);
  if (!classified) throw new UnsupportedEventError();
  return { ...classified, context, coldStart: cold };
}

/**
 * Wraps any Node request listener (an Express app) as a Lambda handler serving every HTTP
 * event shape, each response buffered (see create-stream-handler.ts for the streaming one).
 */
export function createLambdaHandler(
  app: RequestListener,
  options: LambdaHandlerOptions,
): LambdaHandler {
  const serve = bufferedServer(app, options);
  const coldStart = options.coldStart ?? coldStartTracker();
  return async (event, context) => {
    const invocation = beginInvocation(event, context, coldStart);
    if (invocation === 'warmup') return WARMUP_RESULT;
    // The listener serves this request inside the invocation's own async context.
    return invocations.run(invocation, () => serve(invocation));
  };
}
