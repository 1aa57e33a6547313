import type { RequestListener } from 'node:http';
import serverlessExpress, { getCurrentInvoke } from '@codegenie/serverless-express';
import { ProblemTypes } from '../app/http/problem-types';
import type { Context } from 'aws-lambda';
import type { Logger } from 'pino';
import { detectShape, type EventShape, type HttpEvent } from './event-shape';
import { toNodeRequest } from './event-request';
import { isBinaryResponse, toEventResult, type NodeResponseValues } from './event-result';
import { rememberFacts } from './invocation-facts';
import { isWarmupEvent, WARMUP_RESULT } from './warmup';

export interface LambdaHandlerOptions {
  /** Prefix to strip before routing (config BASE_PATH), e.g. a custom-domain mapping. */
  basePath?: string;
  logger: Logger;
}

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

function adapterFailure(): NodeResponseValues {
  const { context } = getCurrentInvoke() as { context?: { awsRequestId?: string } };
  const requestId = context?.awsRequestId ?? 'unknown';
  const problem = ProblemTypes.internal;
  return {
    statusCode: problem.status,
    isBase64Encoded: false,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId },
    body: JSON.stringify({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      requestId,
    }),
  };
}

export class UnsupportedEventError extends Error {
  constructor() {
    super('Unsupported event: expected API Gateway (REST or HTTP API), a Function URL or ALB');
    this.name = 'UnsupportedEventError';
  }
}

/**
 * Wraps an Express app (or any Node request listener) as a Lambda handler serving every HTTP
 * event shape. @codegenie/serverless-express runs the app against an in-memory request and
 * response; the event mapping is ours (see event-request.ts for why its defaults do not do).
 */
export function createLambdaHandler(
  app: RequestListener,
  options: LambdaHandlerOptions,
): LambdaHandler {
  const shapes = new WeakMap<object, EventShape>();
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
    binarySettings: {
      isBinary: ({ headers }: { headers: NodeResponseValues['headers'] }) =>
        isBinaryResponse(headers),
    },
    eventSource: {
      getRequest: ({ event }: { event: HttpEvent }) => {
        const { values, facts } = toNodeRequest(
          event,
          shapes.get(event) as EventShape,
          options.basePath,
        );
        rememberFacts(event, facts);
        return values;
      },
      getResponse: (res: NodeResponseValues & { event: HttpEvent; response?: unknown }) =>
        toEventResult(
          shapes.get(res.event) as EventShape,
          res.event as { multiValueHeaders?: unknown },
          // No response means the adapter itself failed (e.g. an event it could not read):
          // still answer a problem, never an empty 500.
          res.response === undefined ? adapterFailure() : res,
        ),
    },
  });

  return async (event, context) => {
    if (isWarmupEvent(event)) return WARMUP_RESULT;
    const shape = detectShape(event);
    if (!shape) throw new UnsupportedEventError();
    shapes.set(event as object, shape);
    return proxy(event, context, () => undefined);
  };
}
