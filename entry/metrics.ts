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
 * document is written on its own, as before. Powertools' own warnings go to our log.
 *
 * Cost: Powertools does its bookkeeping per call (validation, copies, an environment read per
 * store access); METRICS=false removes it.
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
  return {
    record({ requestId, method, route, status, latencyMs }, line) {
      // Added and written in one synchronous run: no other request, however many share the
      // process, can add to this document in between (a per-invocation accumulator could mix
      // concurrent invocations' values under Lambda Managed Instances).
      const m = metrics();
      m.addDimensions({ route, method });
      m.addMetadata('requestId', requestId);
      m.addMetric(METRIC.requests, MetricUnit.Count, 1);
      m.addMetric(METRIC.latency, MetricUnit.Milliseconds, latencyMs);
      m.addMetric(METRIC.clientErrors, MetricUnit.Count, status >= 400 && status < 500 ? 1 : 0);
      m.addMetric(METRIC.serverErrors, MetricUnit.Count, status >= 500 ? 1 : 0);
      if (!line) {
        m.publishStoredMetrics();
        return;
      }
      Object.assign(line, m.serializeMetrics());
      m.clearMetrics();
      m.clearDimensions();
      m.clearMetadata();
    },
    coldStart() {
      metrics().singleMetric().addMetric(METRIC.coldStart, MetricUnit.Count, 1);
    },
  };
}
