import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Logger } from 'pino';
import type { LineFields, RequestRecord } from '../app/observability/request-record';

/** Metric names, as they appear in CloudWatch (namespace POWERTOOLS_METRICS_NAMESPACE). */
export const METRIC = {
  requests: 'Requests',
  latency: 'Latency',
  clientErrors: '4XXError',
  serverErrors: '5XXError',
  coldStart: 'ColdStart',
} as const;

export interface RequestMetrics {
  /**
   * One request's metrics, called by the app when the response is finished: added to its
   * access line when there is one (`line`), else written as a line of their own.
   */
  record(record: RequestRecord, line?: LineFields): void;
  /** Emits the ColdStart metric, once per container (its own EMF document, `service` only). */
  coldStart(): void;
}

/**
 * Documents cached per (method, route): about a dozen routes times their methods, plus the
 * unmatched ones; the bound only matters if methods were unbounded (they are not behind API
 * Gateway), past it every document is Powertools' own.
 */
const MAX_TEMPLATES = 256;

/** 1 when `status` is in the hundred starting at `from` (400: 4xx, 500: 5xx), else 0. */
function errorFlag(status: number, from: number): number {
  return status >= from && status < from + 100 ? 1 : 0;
}

/**
 * CloudWatch metrics through Powertools Metrics, written as Embedded Metric Format (EMF) lines
 * on stdout, which CloudWatch Logs turns into metrics: no API call, nothing on the request's
 * critical path but one JSON line after the response. One instance per container.
 *
 * Per request: Requests (1), Latency (ms), 4XXError and 5XXError (0 or 1, so their Average is
 * the error rate and their Sum the count), with dimensions [service, route, method]. Route is
 * the template (`/v1/items/{id}`), or `unmatched`: a bounded set (about a dozen combinations,
 * so about 50 custom metrics). Totals across routes: API Gateway's own metrics, or a SEARCH.
 *
 * One stdout line per request: the EMF document (Powertools' `serializeMetrics`, so its format,
 * limits and validation stay Powertools') is merged into the request's access line, from which
 * CloudWatch extracts the metrics as from any JSON line carrying `_aws`. Half the writes and the
 * log volume of a line each. When the access line is not written (LOG_LEVEL above info), the
 * document is written on its own. Powertools' own warnings go to our log.
 *
 * Cost: Powertools does its bookkeeping on every call (validation, copies, an environment read
 * per store access: about 30 µs of a warm request, measured). Only the values change from one
 * request to the next of the same route and method, so Powertools builds (and validates) the
 * first document of each; later ones are that document with their own values and timestamp,
 * which a test holds equal, key for key, to what Powertools itself would write.
 */
export function createRequestMetrics(options: {
  namespace: string;
  serviceName: string;
  logger: Logger;
}): RequestMetrics {
  const { logger } = options;
  // Created on first use, inside an invocation: under Lambda Managed Instances
  // (AWS_LAMBDA_MAX_CONCURRENCY) Powertools keeps its per-request state in the runtime's
  // InvokeStore, which has no context at init, and its constructor already reads that state.
  let instance: Metrics | undefined;
  const metrics = (): Metrics =>
    (instance ??= new Metrics({
      namespace: options.namespace,
      serviceName: options.serviceName,
      // Powertools' own warnings go to our log; the EMF lines themselves always go to stdout.
      logger: {
        debug: (...args: unknown[]) => logger.debug({ args }, 'metrics'),
        info: (...args: unknown[]) => logger.info({ args }, 'metrics'),
        warn: (...args: unknown[]) => logger.warn({ args }, 'metrics'),
        error: (...args: unknown[]) => logger.error({ args }, 'metrics'),
      },
    }));
  // One Powertools-made document per (method, route), the template for later ones: see below.
  const templates = new Map<string, LineFields>();
  const powertoolsDocument = ({
    requestId,
    method,
    route,
    status,
    latencyMs,
  }: RequestRecord): LineFields => {
    // Added and serialised in one synchronous run: no other request, however many share the
    // process, can add to this document in between (a per-invocation accumulator could mix
    // concurrent invocations' values under Lambda Managed Instances).
    const m = metrics();
    m.addDimensions({ route, method });
    m.addMetadata('requestId', requestId);
    m.addMetric(METRIC.requests, MetricUnit.Count, 1);
    m.addMetric(METRIC.latency, MetricUnit.Milliseconds, latencyMs);
    m.addMetric(METRIC.clientErrors, MetricUnit.Count, errorFlag(status, 400));
    m.addMetric(METRIC.serverErrors, MetricUnit.Count, errorFlag(status, 500));
    const doc = m.serializeMetrics() as LineFields;
    m.clearMetrics();
    m.clearDimensions();
    m.clearMetadata();
    return doc;
  };
  /** Writes this request's document into `into` (its access line, or a line of its own). */
  const fill = (record: RequestRecord, into: LineFields): LineFields => {
    const key = `${record.method} ${record.route}`;
    const template = templates.get(key);
    if (!template) {
      const doc = powertoolsDocument(record);
      if (templates.size < MAX_TEMPLATES) templates.set(key, doc);
      return Object.assign(into, doc);
    }
    // Powertools' document for this route and method, with this request's values: the same
    // keys in the same order, the same `_aws` definitions (shared, never mutated).
    Object.assign(into, template);
    into._aws = { ...(template._aws as object), Timestamp: Date.now() };
    into.requestId = record.requestId;
    into[METRIC.requests] = 1;
    into[METRIC.latency] = record.latencyMs;
    into[METRIC.clientErrors] = errorFlag(record.status, 400);
    into[METRIC.serverErrors] = errorFlag(record.status, 500);
    return into;
  };
  return {
    record(record, line) {
      if (line) fill(record, line);
      else process.stdout.write(`${JSON.stringify(fill(record, {}))}\n`);
    },
    coldStart() {
      metrics().singleMetric().addMetric(METRIC.coldStart, MetricUnit.Count, 1);
    },
  };
}
