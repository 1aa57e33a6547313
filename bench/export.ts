/**
 * `npm run bench:export`: GET /v1/items/export of EXPORT_ITEMS items (default 10,000), in one
 * run, from the local server (server.ts, chunked) and from the streaming Lambda entry
 * (`npm run dev:lambda -- --stream`: dist/lambda.js's streamHandler behind a stand-in of the
 * runtime's stream). Both read one embedded store this script starts and fills. For each:
 * bytes, time to the first line, total time, and the server process's peak RSS (VmHWM).
 * Figures are for comparing the two in the same run, not absolute.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../app/config';
import { DynamoItemRepository } from '../app/items/dynamo-item-repository';
import type { Item } from '../app/items/item';
import {
  clientOptionsFrom,
  createDynamoClient,
  documentClientFor,
} from '../app/storage/dynamo-client';
import { startEmbeddedDynamo } from '../app/storage/embedded-dynamo';
import { ensureLocalTables } from '../entry/dynamo-stores';

const ROOT = path.resolve(__dirname, '..');
const COUNT = Number(process.env.EXPORT_ITEMS ?? 10_000);

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url}: no answer`);
}

async function measure(name: string, script: string[], env: Record<string, string>, port: number) {
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'node'),
    ['--import', 'tsx', ...script],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        LOG_LEVEL: 'warn',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/health`, child);
    await (await fetch(`${base}/v1/items/export?status=archived`)).text(); // warm the route
    const start = performance.now();
    const res = await fetch(`${base}/v1/items/export`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    let lines = 0;
    let firstLineMs: number | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      const newlines = value.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 0);
      if (newlines > 0 && firstLineMs === undefined) firstLineMs = performance.now() - start;
      lines += newlines;
    }
    const totalMs = performance.now() - start;
    if (lines !== COUNT) throw new Error(`${name}: ${lines} lines, expected ${COUNT}`);
    return {
      name,
      status: res.status,
      bytes,
      firstLineMs: Math.round(firstLineMs ?? NaN),
      totalMs: Math.round(totalMs),
      peakRssMiB: peakRssMiB(child.pid as number),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-export-'));
  const store = await startEmbeddedDynamo({ path: path.join(dir, 'dynamodb') });
  const env = {
    NODE_ENV: 'development',
    STORAGE: 'endpoint',
    DYNAMODB_ENDPOINT: store.endpoint,
    DATA_DIR: dir,
    RATE_LIMIT_MAX: '1000000',
  };
  const config = loadConfig(env);
  const client = createDynamoClient(clientOptionsFrom(config));
  await ensureLocalTables(client, config);
  const repository = new DynamoItemRepository(documentClientFor(client), config.storage.tableName);
  const start = Date.parse('2026-01-01T00:00:00Z');
  process.stdout.write(`filling the store with ${COUNT} items`);
  for (let i = 0; i < COUNT; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, COUNT - i) }, (_, j) => {
        const at = new Date(start + (i + j) * 1000).toISOString();
        const item: Item = {
          id: randomUUID(),
          name: `item-${i + j}`,
          description: 'an item exported by the benchmark',
          tags: ['bench', 'export'],
          status: (i + j) % 10 === 0 ? 'archived' : 'active',
          version: 1,
          createdAt: at,
          updatedAt: at,
        };
        return repository.create(item);
      }),
    );
    if (i % 1000 === 0) process.stdout.write('.');
  }
  process.stdout.write(' done\n');
  client.destroy();
  const results = [
    await measure('local server (server.ts)', ['server.ts'], { ...env, PORT: '3931' }, 3931),
    await measure(
      'streaming entry (dev:lambda --stream)',
      ['scripts/dev-lambda.ts', '--stream'],
      { ...env, LAMBDA_PORT: '3932' },
      3932,
    ),
  ];
  console.table(results);
  await store.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
