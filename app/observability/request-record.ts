/**
 * What the app reports about each finished request, through `AppDeps.observe`: the seam that
 * keeps metrics and tracing libraries out of app/ (entry/ turns records into
 * CloudWatch EMF metrics and X-Ray annotations; the local server records nothing).
 */
export interface RequestRecord {
  /** The request id (on Lambda the awsRequestId), to tie the record to its log line. */
  requestId: string;
  /** Whether the request was served by the process's cold-start invocation (Lambda only). */
  coldStart?: boolean;
  method: string;
  /**
   * The route template (`/v1/items/{id}`), or `UNMATCHED_ROUTE`: never the raw path, which
   * would give metrics unbounded cardinality.
   */
  route: string;
  status: number;
  /** From the first middleware to the last byte handed to the transport, in milliseconds. */
  latencyMs: number;
}

/**
 * Fields an observer may add to the request's access line. Given only when that line will be
 * written (its level is enabled): one line then carries both, e.g. the access fields and the
 * CloudWatch EMF document (CloudWatch extracts metrics from any JSON log line with `_aws`).
 * Without it, an observer writes its own output.
 */
export type LineFields = Record<string, unknown>;

export type RequestObserver = (record: RequestRecord, line?: LineFields) => void;

/** The route of a request that matched no declared route (404, 405, rejected early). */
export const UNMATCHED_ROUTE = 'unmatched';
