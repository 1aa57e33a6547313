/**
 * `npm run seed -- --count N`: loads N sample items into a running API (default the local
 * server, http://127.0.0.1:3000) through its own POST /v1/items, so every item passes the
 * same validation as any client's, with a progress bar. Each create carries an
 * Idempotency-Key derived from the run id and index, so retrying a failed request never
 * duplicates an item.
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
  token?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '100' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      concurrency: { type: 'string', default: '8' },
      token: { type: 'string' },
    },
  });
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    throw new Error(`--count ${values.count}: use a whole number from 1 to 100000`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new Error(`--concurrency ${values.concurrency}: use a whole number from 1 to 64`);
  }
  return { url: new URL(values.url), count, concurrency, token: values.token };
}

async function createWithRetry(
  options: Options,
  token: string,
  runId: string,
  i: number,
): Promise<number> {
  const endpoint = new URL(
    'v1/items',
    options.url.href.endsWith('/') ? options.url : `${options.url.href}/`,
  );
  for (let attempt = 1; ; attempt++) {
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
    await res?.arrayBuffer();
    // Retry what a retry can fix (network, 409 in flight, 429, 5xx); the key keeps it single.
    const retryable = status === 0 || status === 409 || status === 429 || status >= 500;
    if (!retryable || attempt === 5) return status;
    const after = Number(res?.headers.get('retry-after')) || attempt;
    await new Promise((resolve) => setTimeout(resolve, Math.min(after, 5) * 1000));
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
      format: 'seeding [{bar}] {value}/{total} items | {eta_formatted} left | failed {failed}',
      // Not a terminal (CI, a pipe): still show progress, as a line every half second.
      noTTYOutput: true,
      notTTYSchedule: 500,
    },
    Presets.shades_classic,
  );
  const failures = new Map<number, number>();
  bar.start(options.count, 0, { failed: 0 });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < options.count; i = next++) {
      const status = await createWithRetry(options, token, runId, i);
      if (status !== 201) failures.set(status, (failures.get(status) ?? 0) + 1);
      const failed = [...failures.values()].reduce((a, b) => a + b, 0);
      bar.increment(1, { failed });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  bar.stop();
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  if (failed > 0) {
    const byStatus = [...failures].map(([s, n]) => `${s === 0 ? 'network' : s}×${n}`).join(', ');
    console.error(`${options.count - failed} created, ${failed} failed (${byStatus})`);
    process.exit(1);
  }
  console.log(`${options.count} items created at ${options.url.href} (run ${runId})`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`seed: ${(err as Error).message}`);
    process.exit(2);
  });
}
