/**
 * Bookkeeping shared by all connections: the ledger of items this run created, per-operation
 * statistics, anomalies, ETag findings and the running counters.
 */
import { versionOf } from './http';
import type { Mix, OpLabel } from './mix';

export interface Tracked {
  id: string;
  owner: number;
  /** Last ETag seen; null until re-read after a write with an unknown outcome. */
  etag: string | null;
  state: 'live' | 'deleted';
  /**
   * A write whose outcome is unknown (reset, timeout, 5xx, in flight at the end) may still land
   * later, so from then on: `write`, the item must exist but its ETag may have moved; `delete`,
   * either 200 or 404 is right (the item is no longer used).
   */
  doubt: 'none' | 'write' | 'delete';
}

/**
 * A create that got no usable answer during the run: cut off (still in flight when the run
 * stopped; autocannon drops those connections), or reset, timed out or answered 5xx. Its
 * Idempotency-Key and body are kept so that a replay after the run can settle it.
 */
export interface UnsettledCreate {
  owner: number;
  idempotencyKey: string;
  body: string;
  cause: 'cut off' | 'no answer';
}

interface OpStats {
  count: number;
  statuses: Map<number, number>;
  latenciesMs: number[];
}

type AnomalyKind =
  | 'owned item missing (404)'
  | 'If-Match refused on an owned item (412)'
  | 'create answered 201 without id or ETag'
  | 'auth refused (401/403)'
  | 'rate limited (429)'
  | 'other unexpected status';

export class RunState {
  readonly ledger: Tracked[] = [];
  readonly ops = new Map<OpLabel, OpStats>();
  readonly anomalies = new Map<AnomalyKind, { count: number; example: string }>();
  /**
   * Items read with another ETag than the last one this run saw acknowledged, by id: an older
   * one means an acknowledged write was lost; a newer one, that another client wrote to it.
   */
  readonly etagFindings = new Map<string, { kind: 'lost' | 'foreign'; detail: string }>();
  /** Creates without a usable answer during the run, until settle.ts replays them. */
  readonly unsettledCreates: UnsettledCreate[] = [];
  /** Of those, the ones a replay settled (their items are in the ledger), by cause. */
  readonly settledCreates = { 'cut off': 0, 'no answer': 0 };
  /**
   * Creates whose outcome stays unknown: no usable answer even to a replay, or a 201 without
   * id or ETag. They may exist on the server; they are not checked.
   */
  unknownCreates = 0;
  responses = 0;
  non2xx = 0;
  status5xx = 0;
  transportErrors = 0;

  constructor(
    readonly baseUrl: URL,
    readonly token: string | undefined,
    readonly mix: Mix,
  ) {}

  stats(op: OpLabel): OpStats {
    let s = this.ops.get(op);
    if (!s) {
      s = { count: 0, statuses: new Map(), latenciesMs: [] };
      this.ops.set(op, s);
    }
    return s;
  }

  etagFinding(id: string, seen: string | null | undefined, expected: string, when: string): void {
    if (this.etagFindings.has(id)) return;
    const [a, b] = [versionOf(seen), versionOf(expected)];
    const kind = a !== undefined && b !== undefined && a > b ? 'foreign' : 'lost';
    this.etagFindings.set(id, {
      kind,
      detail: `${id}: ETag ${seen ?? '(none)'} ${when}, last acknowledged ${expected}`,
    });
  }

  anomaly(kind: AnomalyKind, example: string): void {
    const a = this.anomalies.get(kind);
    if (a) a.count++;
    else this.anomalies.set(kind, { count: 1, example });
  }
}
