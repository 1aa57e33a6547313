/**
 * `npx tsx scripts/load.ts [options]`: a bounded, mixed CRUD load against a running server
 * (autocannon as a library), with a per-second progress line on stderr, a summary on stdout,
 * and a lost-writes check at the end.
 *
 * Every connection owns the items it creates: it reads, lists, replaces (PUT), merge-patches
 * and deletes only those, always with the ETag it last saw in If-Match, so a correct server
 * answers (almost) only 2xx. Each acknowledged create, update and delete is recorded; after the
 * run every created item is read back: live ones must answer 200 with the last acknowledged
 * ETag, deleted ones 404. Anything else is a lost write (a newer ETag means another client
 * wrote to the item, which is reported too). A write whose outcome is unknown (connection
 * reset, timeout, 5xx, or still in flight when the run stops) may still land later, so it is
 * never counted as lost: the item is re-read before its next write and its ETag is no longer
 * compared; after a delete of unknown outcome either 200 or 404 is accepted.
 *
 * Exit status: 0 when no write was lost, no 5xx was seen and no other client wrote to this
 * run's items; 1 otherwise (or when the check could not finish); 2 for bad options or an
 * unusable server (unreachable, refusing the token, already rate limited).
 *
 * Options:
 *   --url <base>         server to load (default http://127.0.0.1:3000)
 *   --duration <s>       seconds of load, 1..3600 (default 10)
 *   --connections <n>    concurrent connections, 1..1000 (default 10)
 *   --mix <weights>      relative weights, e.g. create=2,read=4,list=1,put=1,patch=2,delete=1
 *   --token <jwt>        bearer token with scope items:write, sent with every request;
 *                        default: env API_TOKEN (see resolveToken)
 *   --spawn              start server.ts for this run (ephemeral port, temp DATA_DIR)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { isLoopback, localDevToken } from './lib/dev-token';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_URL = 'http://127.0.0.1:3000';
const LIST_LIMIT = 20;
const REQUEST_TIMEOUT_S = 10;
const VERIFY_CONCURRENCY = 16;
const VERIFY_DEADLINE_MS = 120_000;

const OPS = ['create', 'read', 'list', 'put', 'patch', 'delete'] as const;
type Op = (typeof OPS)[number];
/** `refresh` is a read the script makes on its own to learn an ETag it lost track of. */
type OpLabel = Op | 'refresh';
type Mix = Record<Op, number>;
const DEFAULT_MIX: Mix = { create: 20, read: 35, list: 10, put: 10, patch: 15, delete: 10 };

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// The token seam.

export interface TokenSource {
  /** --token, when given. */
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** The server under load. */
  baseUrl: URL;
  /** The server's DATA_DIR when this script knows it (--spawn): where a local secret lives. */
  dataDir?: string;
}

/**
 * The bearer token sent with every request, or undefined to send none: --token, else
 * API_TOKEN, else (a loopback server) a dev token signed with the local key that
 * `npm run dev` keeps in DATA_DIR (default .data), exactly what `npm run token` prints.
 */
export async function resolveToken(source: TokenSource): Promise<string | undefined> {
  const token = (source.flag ?? source.env.API_TOKEN)?.trim();
  if (token) return token;
  if (!isLoopback(source.baseUrl)) return undefined;
  return localDevToken(source.env, { dataDir: source.dataDir, subject: 'load' });
}

// ---------------------------------------------------------------------------------------------
// Options.

export interface LoadOptions {
  url: URL;
  durationS: number;
  connections: number;
  mix: Mix;
  tokenFlag?: string;
  spawn: boolean;
}

const USAGE = `usage: npx tsx scripts/load.ts [--url ${DEFAULT_URL}] [--duration 10] [--connections 10]
                                [--mix create=20,read=35,list=10,put=10,patch=15,delete=10]
                                [--token <jwt> | env API_TOKEN] [--spawn]`;

function intOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

/** `create=2,read=4,...`: relative weights; operations left out get weight 0. */
export function parseMix(raw: string): Mix {
  const mix: Mix = { create: 0, read: 0, list: 0, put: 0, patch: 0, delete: 0 };
  for (const part of raw.split(',').map((s) => s.trim())) {
    if (!part) continue;
    const m = /^([a-z]+)\s*[=:]\s*(\d+(?:\.\d+)?)$/.exec(part);
    const op = m?.[1] as Op | undefined;
    if (!m || !op || !OPS.includes(op)) {
      throw new UsageError(
        `--mix: "${part}" is not op=weight with op one of ${OPS.join(', ')} (e.g. read=4)`,
      );
    }
    mix[op] = Number(m[2]);
  }
  if (OPS.every((op) => mix[op] === 0)) throw new UsageError('--mix: all weights are zero');
  return mix;
}

export function parseOptions(argv: string[]): LoadOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      mix: { type: 'string' },
      token: { type: 'string' },
      spawn: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.spawn && values.url) throw new UsageError('--spawn and --url exclude each other');
  let url: URL;
  try {
    url = new URL(values.url ?? DEFAULT_URL);
  } catch {
    throw new UsageError(`--url is not a URL: "${values.url}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--url must be http:// or https://');
  }
  return {
    url,
    durationS: intOption('duration', values.duration, 1, 3600),
    connections: intOption('connections', values.connections, 1, 1000),
    mix: values.mix ? parseMix(values.mix) : DEFAULT_MIX,
    tokenFlag: values.token,
    spawn: values.spawn,
  };
}

// ---------------------------------------------------------------------------------------------
// Target server: an existing one, or one spawned for this run.

interface Target {
  baseUrl: URL;
  dataDir?: string;
  close(): Promise<void>;
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer within 3 s';
  return err instanceof Error ? err.message : String(err);
}

async function checkReachable(baseUrl: URL, spawned: boolean): Promise<void> {
  try {
    const res = await fetch(endpoint(baseUrl, '/health'), { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
  } catch (err) {
    throw new UsageError(
      `No server answered at ${baseUrl.origin} (${describeFetchError(err)}).\n` +
        (spawned
          ? 'The spawned server did not answer.'
          : `Start it first with \`npm run dev\` (or pass --url, or --spawn to start one for this run).`),
    );
  }
}

/** server.ts in a child process (not in this one, so it does not share the load generator's CPU). */
async function spawnServer(): Promise<Target> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'load-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // The per-caller write budget would turn a load run into a 429 test.
      RATE_LIMIT_MAX: process.env.RATE_LIMIT_MAX ?? '1000000000',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('no "listening on" within 30 s')), 30_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (https?:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server.ts exited with ${code}:\n${out.slice(-2000)}`));
      });
    });
    // Keep draining its output so a chatty server never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk}`));
    return { baseUrl: new URL(url), dataDir, close };
  } catch (err) {
    await close();
    throw new UsageError(`--spawn: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers.

function endpoint(baseUrl: URL, route: string): string {
  return `${baseUrl.origin}${basePath(baseUrl)}${route}`;
}

function basePath(baseUrl: URL): string {
  return baseUrl.pathname.replace(/\/+$/, '');
}

function headerOf(headers: IncomingHttpHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Our ETags are `"v<version>"` (openapi.yaml). */
function versionOf(etag: string | null | undefined): number | undefined {
  const m = /^"v(\d+)"$/.exec(etag ?? '');
  return m ? Number(m[1]) : undefined;
}

function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** `RateLimit-Policy: 120;w=60` (draft 7) or `"p";q=120;w=60` (draft 8). */
function parseRatePolicy(header: string | null): { limit: number; windowS: number } | undefined {
  if (!header) return undefined;
  const limit = /(?:^|;)\s*(?:q=)?(\d+)\s*(?=;|$)/.exec(header)?.[1];
  const windowS = /;\s*w=(\d+)/.exec(header)?.[1];
  return limit && windowS ? { limit: Number(limit), windowS: Number(windowS) } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Pre-flight: one write round trip, so auth and rate-limit problems show before the run.

async function preflight(
  baseUrl: URL,
  token: string | undefined,
  connections: number,
): Promise<string[]> {
  const warnings: string[] = [];
  const items = endpoint(baseUrl, '/v1/items');
  const created = await fetch(items, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      ...authHeaders(token),
    },
    body: JSON.stringify({ name: 'load pre-flight', tags: ['load'] }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await created.text();
  if (created.status === 401 || created.status === 403) {
    throw new UsageError(
      `A test write (POST /v1/items) was refused with ${created.status}: ` +
        (token
          ? `the server does not accept this token${created.status === 403 ? ' for items:write' : ''}.`
          : 'the server requires a bearer token with scope items:write.') +
        '\nPass --token <jwt> or set API_TOKEN.' +
        (created.headers.get('www-authenticate')
          ? `\n(WWW-Authenticate: ${created.headers.get('www-authenticate')})`
          : ''),
    );
  }
  if (created.status === 429) {
    throw new UsageError(
      `A test write (POST /v1/items) was rate limited (429, Retry-After ${created.headers.get('retry-after') ?? '?'} s). ` +
        'Restart the server with a large budget for load runs, e.g. RATE_LIMIT_MAX=1000000000.',
    );
  }
  if (created.status !== 201) {
    throw new UsageError(
      `A test write (POST /v1/items) answered ${created.status}, not 201: ${text.slice(0, 500)}`,
    );
  }
  const id = (JSON.parse(text) as { id: string }).id;
  const etag = created.headers.get('etag') ?? '*';
  const deleted = await fetch(`${items}/${id}`, {
    method: 'DELETE',
    headers: { 'if-match': etag, ...authHeaders(token) },
    signal: AbortSignal.timeout(10_000),
  });
  if (deleted.status !== 204) {
    warnings.push(`pre-flight DELETE of ${id} answered ${deleted.status}; the item stays`);
  }
  const policy = parseRatePolicy(
    created.headers.get('ratelimit-policy') ?? deleted.headers.get('ratelimit-policy'),
  );
  // A local server answers hundreds of requests per second per connection; a budget of a few
  // per second per connection will be exhausted at once.
  if (policy && policy.limit / policy.windowS < connections * 10) {
    warnings.push(
      `the server rate-limits each caller to ${policy.limit} requests per ${policy.windowS} s ` +
        '(RateLimit-Policy): expect 429s, which measure the limiter rather than the API. ' +
        'For load runs start the server with RATE_LIMIT_MAX=1000000000 (--spawn does).',
    );
  }
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping shared by all connections.

interface Tracked {
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

class RunState {
  readonly ledger: Tracked[] = [];
  readonly ops = new Map<OpLabel, OpStats>();
  readonly anomalies = new Map<AnomalyKind, { count: number; example: string }>();
  /**
   * Items read with another ETag than the last one this run saw acknowledged, by id: an older
   * one means an acknowledged write was lost; a newer one, that another client wrote to it.
   */
  readonly etagFindings = new Map<string, { kind: 'lost' | 'foreign'; detail: string }>();
  /** Creates whose outcome is unknown (reset, timeout, 5xx, in flight at the end). */
  unacknowledgedCreates = 0;
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

interface Pending {
  op: OpLabel;
  item?: Tracked;
}

/**
 * The state machine behind one autocannon connection. autocannon (pipelining 1) calls
 * `onResponse` for a response and then `next` to build the following request, so each request
 * can depend on the previous answer. `next` while a request is still pending means autocannon
 * gave up on it (reset or timeout): its outcome is unknown.
 */
class Connection {
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
    if (this.pending) this.outcomeUnknown(this.pending);
    const { op, item } = this.choose();
    this.pending = { op, item };
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
        // Optional for the API; makes a create safe to retry and costs the server one record.
        headers['idempotency-key'] = randomUUID();
        return build('POST', '/v1/items', {
          name: `load c${this.index} #${n}`,
          description: 'created by scripts/load.ts',
          price: n % 1000,
          tags: ['load', `c${this.index}`],
          status: 'active',
        });
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
      this.outcomeUnknown(pending);
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
          run.unacknowledgedCreates++;
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

  /** End of run: whatever is still in flight has an unknown outcome. */
  finish(): void {
    if (this.pending) this.outcomeUnknown(this.pending);
    this.pending = undefined;
  }

  private outcomeUnknown({ op, item }: Pending): void {
    if (op === 'create') this.run.unacknowledgedCreates++;
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

// ---------------------------------------------------------------------------------------------
// The load itself.

function runLoad(
  options: LoadOptions,
  run: RunState,
): Promise<{ result: autocannon.Result; interrupted: boolean }> {
  const connections: Connection[] = [];
  let interrupted = false;
  let stop: (() => void) | undefined;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(
      '\ninterrupted: stopping the load, then checking writes (^C again quits)\n',
    );
    stop?.();
  };
  process.on('SIGINT', onSigint);

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: run.baseUrl.origin,
        connections: options.connections,
        duration: options.durationS,
        pipelining: 1,
        timeout: REQUEST_TIMEOUT_S,
        setupClient: (client) => {
          const conn = new Connection(connections.length, run);
          connections.push(conn);
          client.setRequests([
            {
              setupRequest: (request) => conn.next(request),
              onResponse: (status, body, _context, headers) =>
                conn.onResponse(status, body, headers),
            },
          ]);
          client.on('response', (_status, _bytes, responseTime) => conn.onLatency(responseTime));
        },
      },
      (err, result) => {
        process.off('SIGINT', onSigint);
        for (const c of connections) c.finish();
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve({ result, interrupted });
      },
    );
    stop = () => instance.stop();
    instance.on('reqError', () => run.transportErrors++);

    // autocannon ticks once a second (and once more when it stops).
    const started = Date.now();
    let lastAt = started;
    let lastResponses = 0;
    instance.on('tick', () => {
      const now = Date.now();
      // The extra tick autocannon sends when it stops would show a rate over a sliver of time.
      if (now - lastAt < 500) return;
      const rps = ((run.responses - lastResponses) * 1000) / Math.max(1, now - lastAt);
      lastAt = now;
      lastResponses = run.responses;
      const elapsed = Math.round((now - started) / 1000);
      process.stderr.write(
        `[${String(elapsed).padStart(3)}s/${options.durationS}s] ` +
          `${fmt(run.responses)} requests  ${fmt(rps)} req/s  ` +
          `non-2xx ${fmt(run.non2xx)} (5xx ${fmt(run.status5xx)})  ` +
          `errors ${fmt(run.transportErrors)}  items ${fmt(run.ledger.length)}\n`,
      );
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The lost-writes check.

interface Verification {
  checked: number;
  live: number;
  deleted: number;
  inDoubt: number;
  /** Live items read back whose ETag was not compared (a write with an unknown outcome). */
  etagUnchecked: number;
  missing: string[];
  resurrected: string[];
  failed: string[];
  unverified: number;
}

async function verify(run: RunState, log: (line: string) => void): Promise<Verification> {
  const v: Verification = {
    checked: 0,
    live: 0,
    deleted: 0,
    inDoubt: 0,
    etagUnchecked: 0,
    missing: [],
    resurrected: [],
    failed: [],
    unverified: 0,
  };
  const deadline = Date.now() + VERIFY_DEADLINE_MS;
  const queue = [...run.ledger];
  let waitedForLimit = false;

  const readOnce = async (t: Tracked): Promise<{ status: number; etag: string | null }> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(endpoint(run.baseUrl, `/v1/items/${t.id}`), {
          headers: { accept: 'application/json', ...authHeaders(run.token) },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000),
        });
        await res.arrayBuffer();
        if (res.status === 429 && Date.now() < deadline) {
          const waitS = Math.min(60, Number(res.headers.get('retry-after')) || 1);
          if (!waitedForLimit) log(`check: rate limited; waiting ${waitS} s (Retry-After)`);
          waitedForLimit = true;
          await new Promise((r) => setTimeout(r, waitS * 1000));
          continue;
        }
        return { status: res.status, etag: res.headers.get('etag') };
      } catch (err) {
        if (attempt >= 3 || Date.now() >= deadline) throw err;
      }
    }
  };

  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      if (Date.now() >= deadline) {
        v.unverified++;
        continue;
      }
      let res: { status: number; etag: string | null };
      try {
        res = await readOnce(t);
      } catch (err) {
        v.failed.push(`${t.id}: ${describeFetchError(err)}`);
        continue;
      }
      v.checked++;
      if (res.status !== 200 && res.status !== 404) {
        if (res.status >= 500) run.status5xx++;
        v.failed.push(`${t.id}: GET answered ${res.status}`);
      } else if (t.state === 'live' && t.doubt === 'delete') {
        v.inDoubt++;
      } else if (t.state === 'deleted') {
        v.deleted++;
        if (res.status === 200) v.resurrected.push(t.id);
      } else {
        v.live++;
        if (t.doubt !== 'none' || t.etag === null) v.etagUnchecked++;
        if (res.status === 404) v.missing.push(t.id);
        else if (t.doubt === 'none' && t.etag !== null && res.etag !== t.etag) {
          run.etagFinding(t.id, res.etag, t.etag, 'at the end');
        }
      }
    }
  };
  await Promise.all(Array.from({ length: VERIFY_CONCURRENCY }, worker));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Summary.

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ] as number;
}

function ms(n: number): string {
  return Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1);
}

function summarize(
  options: LoadOptions,
  run: RunState,
  result: autocannon.Result,
  v: Verification,
  interrupted: boolean,
): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  const out = (label: string, text: string) => lines.push(`  ${label.padEnd(16)}${text}`);
  const total = result.requests.total;
  const all = [...run.ops.values()].flatMap((s) => s.latenciesMs).sort((a, b) => a - b);
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, s]) => [Number(code), s.count ?? 0] as const)
    .sort(([a], [b]) => a - b);
  const mixText = OPS.filter((op) => options.mix[op] > 0)
    .map((op) => `${op}=${options.mix[op]}`)
    .join(',');

  lines.push(
    `Load summary: ${run.baseUrl.origin}${basePath(run.baseUrl)}, ${options.connections} connections, ` +
      `${result.duration} s${interrupted ? ' (interrupted)' : ''}, mix ${mixText}`,
  );
  out(
    'requests',
    `${fmt(total)} in ${result.duration} s = ${fmt(total / result.duration)} req/s ` +
      `(transport errors ${fmt(result.errors)}, timeouts ${fmt(result.timeouts)})`,
  );
  out(
    'statuses',
    `2xx ${fmt(result['2xx'])}  3xx ${fmt(result['3xx'])}  4xx ${fmt(result['4xx'])}  5xx ${fmt(result['5xx'])}` +
      `   [${codes.map(([c, n]) => `${c}: ${fmt(n)}`).join(', ')}]`,
  );
  out(
    'latency (ms)',
    `p50 ${ms(percentile(all, 50))}  p90 ${ms(percentile(all, 90))}  p99 ${ms(percentile(all, 99))}  max ${ms(all[all.length - 1] ?? NaN)}`,
  );
  out('per operation', 'op         count    req/s   non-2xx     p50     p99   statuses');
  for (const op of [...OPS, 'refresh'] as OpLabel[]) {
    const s = run.ops.get(op);
    if (!s) continue;
    const lat = [...s.latenciesMs].sort((a, b) => a - b);
    const non2xx = [...s.statuses]
      .filter(([c]) => c < 200 || c >= 300)
      .reduce((a, [, n]) => a + n, 0);
    const statuses = [...s.statuses]
      .sort(([a], [b]) => a - b)
      .map(([c, n]) => `${c}×${fmt(n)}`)
      .join(' ');
    out(
      '',
      `${op.padEnd(8)} ${fmt(s.count).padStart(7)} ${fmt(s.count / result.duration).padStart(8)} ` +
        `${fmt(non2xx).padStart(9)} ${ms(percentile(lat, 50)).padStart(7)} ${ms(percentile(lat, 99)).padStart(7)}   ${statuses}`,
    );
  }
  for (const [kind, a] of run.anomalies) {
    out('unexpected', `${fmt(a.count)} × ${kind} (e.g. ${a.example})`);
  }
  if (run.anomalies.has('auth refused (401/403)')) {
    out(
      '',
      'writes need Authorization: Bearer <token> with scope items:write (--token or API_TOKEN)',
    );
  }
  if (run.anomalies.has('rate limited (429)')) {
    out(
      '',
      'the server rate-limited the run; restart it with RATE_LIMIT_MAX=1000000000 for load runs',
    );
  }

  const deletedCount = run.ledger.filter((t) => t.state === 'deleted').length;
  out(
    'items',
    `${fmt(run.ledger.length)} created (acknowledged), ${fmt(deletedCount)} deleted, ` +
      `${fmt(run.unacknowledgedCreates)} creates with unknown outcome (not tracked)`,
  );
  const findings = [...run.etagFindings.values()];
  const stale = findings.filter((f) => f.kind === 'lost').map((f) => f.detail);
  const foreign = findings.filter((f) => f.kind === 'foreign').map((f) => f.detail);
  const lostIds = new Set([
    ...v.missing,
    ...v.resurrected,
    ...[...run.etagFindings].filter(([, f]) => f.kind === 'lost').map(([id]) => id),
  ]);
  const lost = lostIds.size;
  out('lost writes', fmt(lost));
  out(
    '',
    `read back ${fmt(v.checked)} of ${fmt(run.ledger.length)}: ${fmt(v.live)} live ` +
      `(${fmt(v.missing.length)} missing, ${fmt(stale.length)} with an older ETag than acknowledged` +
      `${v.etagUnchecked ? `, ETag not compared for ${fmt(v.etagUnchecked)} after a write of unknown outcome` : ''}), ` +
      `${fmt(v.deleted)} deleted (${fmt(v.resurrected.length)} readable again)` +
      (v.inDoubt ? `, ${fmt(v.inDoubt)} with a delete of unknown outcome (either is fine)` : ''),
  );
  for (const line of [
    ...v.missing.map((id) => `missing ${id}`),
    ...stale,
    ...v.resurrected.map((id) => `deleted but readable ${id}`),
  ].slice(0, 10)) {
    out('', line);
  }
  if (foreign.length) {
    out(
      'foreign writes',
      `${fmt(foreign.length)} items this run owns were changed by another client ` +
        `(newer ETag), so the check cannot vouch for them (e.g. ${foreign[0]})`,
    );
  }
  if (v.failed.length || v.unverified) {
    out(
      'check failed',
      `${fmt(v.failed.length)} reads failed, ${fmt(v.unverified)} not read before the deadline` +
        (v.failed[0] ? ` (e.g. ${v.failed[0]})` : ''),
    );
  }

  const problems: string[] = [];
  if (lost > 0) problems.push(`${fmt(lost)} lost writes`);
  if (foreign.length) problems.push(`${fmt(foreign.length)} items changed by another client`);
  if (run.status5xx > 0) problems.push(`${fmt(run.status5xx)} 5xx responses`);
  if (v.failed.length || v.unverified) problems.push('the lost-writes check did not finish');
  out('result', problems.length ? `FAIL: ${problems.join(', ')}` : 'OK (lost writes = 0, no 5xx)');
  return { lines, ok: problems.length === 0 };
}

// ---------------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv);
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const options = parsed;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const target: Target = options.spawn
    ? await spawnServer()
    : { baseUrl: options.url, close: async () => undefined };
  try {
    await checkReachable(target.baseUrl, options.spawn);
    const token = await resolveToken({
      flag: options.tokenFlag,
      env: process.env,
      baseUrl: target.baseUrl,
      dataDir: target.dataDir,
    });
    for (const warning of await preflight(target.baseUrl, token, options.connections)) {
      log(`warning: ${warning}`);
    }
    const run = new RunState(target.baseUrl, token, options.mix);
    log(
      `load: ${target.baseUrl.origin}${basePath(target.baseUrl)}${options.spawn ? ' (spawned)' : ''}, ` +
        `${options.connections} connections for ${options.durationS} s` +
        `${token ? ', with a bearer token' : ', no token'}`,
    );
    const { result, interrupted } = await runLoad(options, run);
    log(`checking ${fmt(run.ledger.length)} items for lost writes...`);
    const v = await verify(run, log);
    const { lines, ok } = summarize(options, run, result, v, interrupted);
    console.log(lines.join('\n'));
    return ok ? 0 : 1;
  } finally {
    await target.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      if (
        err instanceof UsageError ||
        (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ) {
        console.error(err instanceof Error ? err.message : String(err));
        if (!(err instanceof UsageError)) console.error(USAGE);
        process.exit(2);
      }
      console.error(err);
      process.exit(1);
    });
}
