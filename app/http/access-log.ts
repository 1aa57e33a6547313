import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { forLog } from '../observability/logger';
import {
  UNMATCHED_ROUTE,
  type LineFields,
  type RequestObserver,
  type RequestRecord,
} from '../observability/request-record';
import type { InvocationFactsSource } from './invocation';

export interface AccessLogOptions {
  logger: Logger;
  /** The contract's path templates (`/v1/items/{id}`), to name requests rejected before routing. */
  routes: string[];
  /** Lambda facts (awsRequestId, cold start) for the line; absent on the local server. */
  invocation?: InvocationFactsSource;
  /** Called once per finished request (metrics and traces on Lambda). */
  observe?: RequestObserver;
}

/**
 * Turns the contract's path templates into one matcher. Used only when the validator did not
 * name the route itself (a request refused before validation: 401, 413, 429...), so that those
 * still count against their route. Anything else is UNMATCHED_ROUTE, never the raw path.
 */
export function routeMatcher(templates: string[]): (path: string) => string {
  const compiled = templates.map((template) => ({
    template,
    pattern: new RegExp(
      `^${template
        .split(/\{[^}/]+\}/)
        .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    ),
  }));
  return (path) => compiled.find((c) => c.pattern.test(path))?.template ?? UNMATCHED_ROUTE;
}

const STARTED = Symbol('accessLog.startedAt');
type Timed = Response & { [STARTED]?: number };

/**
 * One access line per request, written when the response is finished (or the client went
 * away): request id, and on Lambda the awsRequestId and cold-start flag; method, route
 * template, status, latency. 5xx lines are `warn`, so LOG_LEVEL=warn keeps failures only.
 *
 * Per-request closures cost measurably on the Lambda warm path, hence one shared listener and
 * a start time kept on the response.
 *
 * Why not pino-http: measured on the Lambda warm path (a small Express app behind
 * createLambdaHandler, REST v1 events, variants interleaved in one process on a 2-core VM),
 * pino-http added about 160 µs per request (120 µs with trimmed serializers), this middleware
 * 40–60 µs: pino-http builds a child logger and serialises request and response objects for
 * every line, whose headers we would then have to drop or redact. This is one `finish`
 * listener and one flat log call on the app's logger.
 */
export function accessLog(options: AccessLogOptions): RequestHandler {
  const { logger, invocation, observe } = options;
  const matchRoute = routeMatcher(options.routes);
  // On Lambda the response always finishes; the local server may see a client hang up first.
  const watchClose = invocation === undefined;

  function done(res: Timed, aborted: boolean): void {
    const started = res[STARTED];
    if (started === undefined) return; // already logged ('close' after 'finish')
    res[STARTED] = undefined;
    const level = res.statusCode >= 500 ? 'warn' : 'info';
    const log = logger.isLevelEnabled(level);
    if (!log && !observe) return;
    const req = res.req;
    const facts = invocation?.();
    const record: RequestRecord = {
      requestId: req.id,
      coldStart: facts?.coldStart,
      method: req.method,
      route: req.openapi?.openApiRoute ?? matchRoute(req.path),
      status: res.statusCode,
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
    };
    const fields: LineFields | undefined = log ? {} : undefined;
    observe?.(record, fields);
    if (fields) writeLine(logger, level, req, record, aborted, facts?.awsRequestId, fields);
  }
  function onFinish(this: Timed): void {
    done(this, false);
  }
  function onClose(this: Timed): void {
    done(this, !this.writableEnded); // closed before the app ended the response
  }

  return (req, res, next) => {
    (res as Timed)[STARTED] = performance.now();
    res.on('finish', onFinish);
    if (watchClose) res.on('close', onClose);
    next();
  };
}

/** Completes `line` (the fields observers added, if any) with the access fields, and logs it. */
function writeLine(
  logger: Logger,
  level: 'info' | 'warn',
  req: Request,
  record: RequestRecord,
  aborted: boolean,
  awsRequestId: string | undefined,
  line: LineFields,
): void {
  // Set on the one object (no copy): keys an observer already set keep their place, as with a
  // spread, and pino leaves out the undefined ones.
  line.requestId = req.id;
  line.clientRequestId = req.clientRequestId;
  line.awsRequestId = awsRequestId;
  line.coldStart = record.coldStart;
  line.method = record.method;
  line.route = record.route;
  line.path = forLog(req.path);
  line.status = record.status;
  line.latencyMs = record.latencyMs;
  line.aborted = aborted || undefined;
  logger[level](line, 'request');
}
