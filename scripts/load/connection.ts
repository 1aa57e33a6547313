/**
 * One autocannon connection's state machine: picks the next operation from the mix, builds its
 * request, and books the answer into the shared RunState.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type autocannon from 'autocannon';
import { authHeaders, basePath, headerOf } from './http';
import { OPS, type Op, type OpLabel } from './mix';
import type { RunState, Tracked, UnsettledCreate } from './run-state';

const LIST_LIMIT = 20;

interface Pending {
  op: OpLabel;
  item?: Tracked;
  /** A create's Idempotency-Key and body, to replay it when its answer is lost. */
  create?: { idempotencyKey: string; body: string };
}

/**
 * The state machine behind one autocannon connection. autocannon (pipelining 1) calls
 * `onResponse` for a response and then `next` to build the following request, so each request
 * can depend on the previous answer. `next` while a request is still pending means autocannon
 * gave up on it (reset or timeout): its outcome is unknown.
 */
export class Connection {
  private readonly live: Tracked[] = [];
  private pending: Pending | undefined;
  private lastCompleted: OpLabel | undefined;
  private seq = 0;
  private readonly cumulative: [Op, number][];
  private readonly total: number;

  constructor(
    private readonly index: number,
    private readonly run: RunState,
  ) {
    let sum = 0;
    this.cumulative = OPS.filter((op) => run.mix[op] > 0).map((op) => [op, (sum += run.mix[op])]);
    this.total = sum;
  }

  next(request: autocannon.Request): autocannon.Request {
    if (this.pending) this.outcomeUnknown(this.pending, 'no answer');
    const { op, item } = this.choose();
    const pending: Pending = { op, item };
    this.pending = pending;
    const base = basePath(this.run.baseUrl);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...authHeaders(this.run.token),
    };
    const build = (
      method: autocannon.Request['method'],
      route: string,
      body?: unknown,
      contentType = 'application/json',
    ): autocannon.Request => {
      if (body !== undefined) headers['content-type'] = contentType;
      // A fresh headers object every time: autocannon reuses the one it passes in.
      return {
        ...request,
        method,
        path: `${base}${route}`,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      };
    };
    const n = ++this.seq;
    switch (op) {
      case 'create': {
        // Optional for the API; makes a create safe to retry (settle.ts replays creates whose
        // answer was lost) and costs the server one record.
        const idempotencyKey = randomUUID();
        headers['idempotency-key'] = idempotencyKey;
        const request = build('POST', '/v1/items', {
          name: `load c${this.index} #${n}`,
          description: 'created by scripts/load.ts',
          price: n % 1000,
          tags: ['load', `c${this.index}`],
          status: 'active',
        });
        pending.create = { idempotencyKey, body: request.body as string };
        return request;
      }
      case 'list':
        return build('GET', `/v1/items?limit=${LIST_LIMIT}`);
      case 'read':
      case 'refresh':
        return build('GET', `/v1/items/${item?.id}`);
      case 'put':
        headers['if-match'] = item?.etag ?? '';
        return build('PUT', `/v1/items/${item?.id}`, {
          name: `load c${this.index} #${n} (replaced)`,
          price: n % 500,
          tags: ['load', `c${this.index}`, 'replaced'],
          status: n % 2 ? 'active' : 'archived',
        });
      case 'patch':
        headers['if-match'] = item?.etag ?? '';
        return build(
          'PATCH',
          `/v1/items/${item?.id}`,
          n % 2
            ? { price: n % 100, description: `patched #${n}` }
            : { description: null, tags: ['load', `c${this.index}`, 'patched'] },
          'application/merge-patch+json',
        );
      case 'delete':
        headers['if-match'] = item?.etag ?? '';
        return build('DELETE', `/v1/items/${item?.id}`);
    }
  }

  private choose(): { op: OpLabel; item?: Tracked } {
    const r = Math.random() * this.total;
    const op = (this.cumulative.find(([, upTo]) => r < upTo) ?? this.cumulative[0])?.[0];
    if (op === undefined || op === 'create' || op === 'list') return { op: op ?? 'create' };
    if (this.live.length === 0) return { op: 'create' };
    const item = this.live[Math.floor(Math.random() * this.live.length)] as Tracked;
    // Never write with a guessed ETag: re-read first (a 412 would be the script's fault).
    if (item.etag === null) return { op: 'refresh', item };
    return { op, item };
  }

  onResponse(status: number, body: string, headers: IncomingHttpHeaders | undefined): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    const run = this.run;
    const { op, item } = pending;
    this.lastCompleted = op;
    run.responses++;
    const stats = run.stats(op);
    stats.count++;
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    if (status < 200 || status >= 300) run.non2xx++;
    const etag = headerOf(headers, 'etag');
    const where = item ? `${op} ${item.id}` : op;

    if (status >= 500) {
      run.status5xx++;
      this.outcomeUnknown(pending, 'no answer');
      return;
    }
    if (status === 401 || status === 403) return run.anomaly('auth refused (401/403)', where);
    if (status === 429) return run.anomaly('rate limited (429)', where);

    switch (op) {
      case 'create': {
        if (status !== 201) return run.anomaly('other unexpected status', `${where}: ${status}`);
        let id: string | undefined;
        try {
          id = (JSON.parse(body) as { id?: string }).id;
        } catch {
          id = headerOf(headers, 'location')?.split('/').pop();
        }
        if (!id || !etag) {
          run.unknownCreates++;
          return run.anomaly('create answered 201 without id or ETag', `${status} ${body}`);
        }
        const tracked: Tracked = {
          id,
          owner: this.index,
          etag,
          state: 'live',
          doubt: 'none',
        };
        run.ledger.push(tracked);
        this.live.push(tracked);
        return;
      }
      case 'list':
        if (status !== 200) run.anomaly('other unexpected status', `${where}: ${status}`);
        return;
      case 'read':
      case 'refresh': {
        if (!item) return;
        if (status === 200) {
          if (item.doubt === 'none' && item.etag !== null && etag !== item.etag) {
            run.etagFinding(item.id, etag, item.etag, 'during the run');
            // Its history is no longer this run's alone: keep using it, stop comparing ETags.
            item.doubt = 'write';
          }
          item.etag = etag ?? null;
          return;
        }
        if (status === 404) {
          run.anomaly('owned item missing (404)', item.id);
          // Stays `live` in the ledger, so the final check reports it as a lost write.
          this.drop(item);
          return;
        }
        return run.anomaly('other unexpected status', `${where}: ${status}`);
      }
      case 'put':
      case 'patch':
      case 'delete': {
        if (!item) return;
        if (op === 'delete' && status === 204) {
          item.state = 'deleted';
          this.drop(item);
          return;
        }
        if (op !== 'delete' && status === 200) {
          item.etag = etag ?? null;
          return;
        }
        if (status === 412) {
          // After a write with an unknown outcome, that write landing late explains a 412.
          if (item.doubt === 'none') {
            run.anomaly(
              'If-Match refused on an owned item (412)',
              `${where} If-Match ${item.etag}`,
            );
          }
          item.etag = null;
          return;
        }
        if (status === 404) {
          run.anomaly('owned item missing (404)', where);
          this.drop(item);
          return;
        }
        return run.anomaly('other unexpected status', `${where}: ${status}`);
      }
    }
  }

  onLatency(ms: number): void {
    if (this.lastCompleted) this.run.stats(this.lastCompleted).latenciesMs.push(ms);
    this.lastCompleted = undefined;
  }

  /**
   * End of run: autocannon has dropped the connection, so whatever was still in flight has an
   * unknown outcome (a create among them is replayed by settle.ts).
   */
  finish(): void {
    if (this.pending) this.outcomeUnknown(this.pending, 'cut off');
    this.pending = undefined;
  }

  private outcomeUnknown({ op, item, create }: Pending, cause: UnsettledCreate['cause']): void {
    // Every create carries its key and body (set where its request is built).
    if (create) this.run.unsettledCreates.push({ owner: this.index, cause, ...create });
    else if (item && (op === 'put' || op === 'patch')) {
      item.etag = null;
      item.doubt = 'write';
    } else if (item && op === 'delete') {
      item.doubt = 'delete';
      this.drop(item);
    }
  }

  private drop(item: Tracked): void {
    const i = this.live.indexOf(item);
    if (i >= 0) {
      this.live[i] = this.live[this.live.length - 1] as Tracked;
      this.live.pop();
    }
  }
}
