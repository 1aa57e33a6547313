/**
 * `npm run seed -- --count N`: loads N sample items into a running API (default the local
 * server, http://127.0.0.1:3000) through its own POST /v1/items, so every item passes the
 * same validation as any client's, with a progress bar. Each create carries an
 * Idempotency-Key derived from the run id and index, so retrying a failed request never
 * duplicates an item.
 *
 * Rate limits: a 429 pauses every worker for as long as the server says (Retry-After, else the
 * reset of its RateLimit header), however long that is, and the bar shows the wait; a success
 * that spends the last of the budget (`remaining=0`) pauses them the same way before the 429.
 * Under the default limit (120 writes per minute) N items take about N / 120 minutes. The only
 * safety net: the run gives up when no item has been created for --max-wait seconds (default
 * 600), and says so. Network errors, 409 (the same key still in flight) and 5xx are retried
 * up to 5 times.
 *
 *   npm run seed -- --count 200
 *   npm run seed -- --count 50 --url https://<api>/prod --token "$TOKEN" --concurrency 4
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { isLoopback, localDevToken } from './lib/dev-token';

const ADJECTIVES = ['Red', 'Quiet', 'Swift', 'Sturdy', 'Tiny', 'Golden', 'Smart', 'Vintage'];
const NOUNS = ['Widget', 'Gadget', 'Lamp', 'Kettle', 'Backpack', 'Notebook', 'Chair', 'Clock'];
const TAGS = ['new', 'sale', 'eco', 'bestseller', 'limited', 'gift'];

/** A deterministic, valid ItemInput for index i (same run, same items). */
export function sampleItem(i: number): Record<string, unknown> {
  const pick = <T>(list: readonly T[], salt: number): T => list[(i * 7 + salt) % list.length] as T;
  return {
    name: `${pick(ADJECTIVES, 1)} ${pick(NOUNS, 3)} #${i + 1}`,
    description: `Sample item ${i + 1}, created by npm run seed.`,
    price: Math.round(((i * 37) % 10_000) + 99) / 100,
    tags: [...new Set([pick(TAGS, 0), pick(TAGS, 5)])],
    status: i % 5 === 4 ? 'archived' : 'active',
  };
}

interface Options {
  url: URL;
  count: number;
  concurrency: number;
  maxWaitMs: number;
  token?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '100' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      concurrency: { type: 'string', default: '8' },
      'max-wait': { type: 'string', default: '600' },
      token: { type: 'string' },
    },
  });
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  const maxWaitS = Number(values['max-wait']);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    throw new Error(`--count ${values.count}: use a whole number from 1 to 100000`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new Error(`--concurrency ${values.concurrency}: use a whole number from 1 to 64`);
  }
  if (!Number.isInteger(maxWaitS) || maxWaitS < 1 || maxWaitS > 86_400) {
    throw new Error(`--max-wait ${values['max-wait']}: use a whole number of seconds, 1 to 86400`);
  }
  return {
    url: new URL(values.url),
    count,
    concurrency,
    maxWaitMs: maxWaitS * 1000,
    token: values.token,
  };
}

/** What one response says about the caller's budget; every field is optional. */
export interface RateInfo {
  /** Retry-After (delay-seconds or an HTTP date), in ms from now. */
  retryAfterMs?: number;
  /** Requests left in the current window (`RateLimit` draft 7 `remaining=`, draft 8 `r=`). */
  remaining?: number;
  /** Until the window resets, in ms (`reset=` / `t=`, or `RateLimit-Reset`). */
  resetMs?: number;
  /** The policy (`RateLimit-Policy: 120;w=60` or `"p"; q=120; w=60`). */
  limit?: number;
  windowMs?: number;
}

const num = (re: RegExp, text: string | null): number | undefined => {
  const m = text === null ? null : re.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
};

export function rateInfo(headers: Headers, now = Date.now()): RateInfo {
  const info: RateInfo = {};
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter && /^\d+$/.test(retryAfter)) info.retryAfterMs = Number(retryAfter) * 1000;
  else if (retryAfter && !Number.isNaN(Date.parse(retryAfter))) {
    info.retryAfterMs = Math.max(0, Date.parse(retryAfter) - now);
  }
  const rateLimit = headers.get('ratelimit');
  info.remaining =
    num(/(?:^|[\s,;])(?:remaining|r)=(\d+)/, rateLimit) ??
    num(/^\s*(\d+)\s*$/, headers.get('ratelimit-remaining'));
  const resetS =
    num(/(?:^|[\s,;])(?:reset|t)=(\d+)/, rateLimit) ??
    num(/^\s*(\d+)\s*$/, headers.get('ratelimit-reset'));
  if (resetS !== undefined) info.resetMs = resetS * 1000;
  const policy = headers.get('ratelimit-policy');
  info.limit = num(/(?:^|;\s*q=|^"[^"]*";\s*q=)(\d+)/, policy);
  const windowS = num(/;\s*w=(\d+)/, policy);
  if (windowS !== undefined) info.windowMs = windowS * 1000;
  return info;
}

/** `23 s`, `4 min 10 s`, `2 h 5 min`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.floor(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Non-rate-limit failures (network, 409 in flight, 5xx): tries per item. */
const MAX_TRIES = 5;

/**
 * The run's shared state: a pause every worker honours before each request, the last budget
 * the server reported (for the estimate of time left), and the no-progress safety net.
 */
class Seeding {
  created = 0;
  done = 0;
  readonly failures = new Map<number, number>();
  /** Why the run stopped early, once it has. */
  gaveUp: string | undefined;
  private pausedUntil = 0;
  private pauseReason = '';
  private waitedMs = 0;
  private lastProgressAt = Date.now();
  private readonly started = Date.now();
  private budget: { remaining: number; resetAt: number } | undefined;
  private policy: { limit: number; windowMs: number } | undefined;

  constructor(private readonly options: Options) {}

  get failed(): number {
    return [...this.failures.values()].reduce((a, b) => a + b, 0);
  }

  /**
   * Resolves true when no pause is in force (after waiting out the one that is), or false,
   * giving up, when that wait would leave the run longer than --max-wait without a created item.
   */
  async ready(): Promise<boolean> {
    for (;;) {
      const now = Date.now();
      if (this.gaveUp) return false;
      if (this.pausedUntil <= now) return true;
      if (this.pausedUntil - this.lastProgressAt > this.options.maxWaitMs) {
        this.gaveUp =
          `the rate limit asks to wait ${duration(this.pausedUntil - now)} (${this.pauseReason}), ` +
          `which would leave ${duration(this.pausedUntil - this.lastProgressAt)} without a created item: ` +
          `more than --max-wait (${duration(this.options.maxWaitMs)})`;
        return false;
      }
      await sleep(this.pausedUntil - now);
    }
  }

  observe(info: RateInfo): void {
    if (info.limit !== undefined && info.windowMs !== undefined) {
      this.policy = { limit: info.limit, windowMs: info.windowMs };
    }
    if (info.remaining !== undefined && info.resetMs !== undefined) {
      this.budget = { remaining: info.remaining, resetAt: Date.now() + info.resetMs };
      // The budget is spent: wait for the reset now rather than collect 429s first.
      if (info.remaining === 0) this.pause(info.resetMs, 'RateLimit reset');
    }
  }

  finished(status: number): void {
    this.done++;
    if (status === 201) {
      this.created++;
      this.lastProgressAt = Date.now();
    } else this.failures.set(status, (this.failures.get(status) ?? 0) + 1);
  }

  /** The bar's payload: estimate of time left and the pause in force, if any. */
  payload(): { failed: number; left: string; note: string } {
    const now = Date.now();
    const pausedMs = this.pausedUntil - now;
    return {
      failed: this.failed,
      left: this.estimate(now),
      note:
        pausedMs > 0 && this.done < this.options.count
          ? ` | waiting ${duration(pausedMs)} (rate limited)`
          : '',
    };
  }

  summary(): string {
    const now = Date.now();
    // A pause the run gave up on, or that outlived the last item, was not waited out.
    const waited = this.waitedMs - Math.max(0, this.pausedUntil - now);
    return (
      `in ${duration(now - this.started)}` +
      (waited >= 500 ? `, ${duration(waited)} of it waiting for the rate limit` : '')
    );
  }

  /** Pauses every worker for ms (or longer, if a pause in force lasts longer). */
  pause(ms: number, reason: string): void {
    // At least a moment: a reset of 0 s means "within the second".
    const until = Date.now() + Math.max(ms, 250);
    if (until <= this.pausedUntil) return;
    this.waitedMs += until - Math.max(this.pausedUntil, Date.now());
    this.pausedUntil = until;
    this.pauseReason = reason;
  }

  /** Under a rate limit that the items left exceed, the windows still needed; else the pace so far. */
  private estimate(now: number): string {
    const left = this.options.count - this.done;
    if (left <= 0) return duration(0);
    if (this.policy && this.budget) {
      const fresh = now < this.budget.resetAt;
      const remaining = fresh ? this.budget.remaining : this.policy.limit;
      if (left > remaining) {
        const windows = Math.ceil((left - remaining) / this.policy.limit);
        const resetMs = fresh ? this.budget.resetAt - now : 0;
        return duration(resetMs + (windows - 1) * this.policy.windowMs);
      }
    }
    return this.done ? duration(((now - this.started) / this.done) * left) : '?';
  }
}

/** Creates item i; the status of the last try, or undefined when the run gave up meanwhile. */
async function create(
  options: Options,
  token: string,
  runId: string,
  i: number,
  seeding: Seeding,
): Promise<number | undefined> {
  const endpoint = new URL(
    'v1/items',
    options.url.href.endsWith('/') ? options.url : `${options.url.href}/`,
  );
  let rateLimited = 0;
  for (let tries = 1; ;) {
    if (!(await seeding.ready())) return undefined;
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `seed-${runId}-${i}`,
      },
      body: JSON.stringify(sampleItem(i)),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    const status = res?.status ?? 0;
    await res?.arrayBuffer().catch(() => undefined);
    const info = res ? rateInfo(res.headers) : {};
    seeding.observe(info);
    if (status === 429) {
      // As long as the server says; without a word, back off up to a minute.
      rateLimited++;
      const waitMs =
        info.retryAfterMs ?? info.resetMs ?? Math.min(60_000, 1000 * 2 ** (rateLimited - 1));
      seeding.pause(
        waitMs,
        info.retryAfterMs !== undefined
          ? 'Retry-After'
          : info.resetMs !== undefined
            ? 'RateLimit reset'
            : 'no Retry-After: backing off',
      );
      continue;
    }
    // Retry what a retry can fix (network, 409 in flight, 5xx); the key keeps it single.
    const retryable = status === 0 || status === 409 || status >= 500;
    if (!retryable || tries === MAX_TRIES) return status;
    await sleep(Math.min(info.retryAfterMs ?? 1000 * 2 ** (tries - 1), options.maxWaitMs));
    tries++;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const token =
    options.token ??
    process.env.API_TOKEN ??
    (isLoopback(options.url) ? await localDevToken(process.env, { subject: 'seed' }) : undefined);
  if (!token) {
    throw new Error('no token: start the local server once (npm run dev), or pass --token');
  }
  const runId = randomUUID().slice(0, 8);
  const bar = new SingleBar(
    {
      format: 'seeding [{bar}] {value}/{total} items | {left} left | failed {failed}{note}',
      // Not a terminal (CI, a pipe): still show progress, as a line every half second.
      noTTYOutput: true,
      notTTYSchedule: 500,
    },
    Presets.shades_classic,
  );
  const seeding = new Seeding(options);
  bar.start(options.count, 0, seeding.payload());
  // Keeps the countdown of a pause and the estimate moving while no item completes.
  const ticker = setInterval(() => bar.update(seeding.payload()), 250);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < options.count && !seeding.gaveUp; i = next++) {
      const status = await create(options, token, runId, i, seeding);
      if (status === undefined) return;
      seeding.finished(status);
      bar.increment(1, seeding.payload());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearInterval(ticker);
  bar.update(seeding.payload());
  bar.stop();
  const failed = seeding.failed;
  const notCreated = options.count - seeding.created - failed;
  if (failed > 0 || seeding.gaveUp) {
    const byStatus = [...seeding.failures]
      .map(([s, n]) => `${s === 0 ? 'network' : s}×${n}`)
      .join(', ');
    if (seeding.gaveUp) console.error(`seed: gave up: ${seeding.gaveUp}`);
    console.error(
      `${seeding.created} created${failed ? `, ${failed} failed (${byStatus})` : ''}` +
        `${notCreated ? `, ${notCreated} not attempted` : ''} ${seeding.summary()}`,
    );
    process.exit(1);
  }
  console.log(
    `${options.count} items created at ${options.url.href} (run ${runId}) ${seeding.summary()}`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`seed: ${(err as Error).message}`);
    process.exit(2);
  });
}
