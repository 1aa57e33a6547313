import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { itemsTableDefinition } from '../../app/items/items-table';
import { createDocumentClient } from '../../app/storage/dynamo-client';
import { ensureTable } from '../../app/storage/ensure-table';

/** The run's identity provider (bench/run.ts) and a token it signed with scope items:write. */
export interface BenchAuth {
  jwksUrl: string;
  issuer: string;
  token: string;
}

const ROOT = path.resolve(__dirname, '..', '..');

export interface ThroughputResult {
  name: string;
  label: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
}

/** Starts a child and resolves with the first `http://...` URL it prints. */
function startProcess(
  args: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; match: string }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = pattern.exec(out);
      if (m?.[1]) resolve({ child, match: m[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out.slice(0, 1500)}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function cannon(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: 10, duration: seconds });
}

/**
 * GET /v1/items/{id} against the local server (server.ts, as `npm run dev` runs it and in
 * production mode) and against a bare Express server, all reading one item from the same
 * store: a dynalite process of its own, so the servers do not share a CPU with it by design.
 * Loopback only. Both server.ts cases verify tokens against the run's JWKS (production
 * requires an issuer's key; the dev server uses it too instead of its local key), and create
 * their own rate-limit and idempotency tables on the store; the item is created once, with
 * the token. Reads are anonymous, so the timed GETs carry no token.
 */
export async function measureThroughput(
  seconds: number,
  log: (line: string) => void,
  auth: BenchAuth,
): Promise<ThroughputResult[]> {
  const store = await startProcess(
    [
      '-e',
      "const s=require('dynalite')({createTableMs:0});s.listen(0,'127.0.0.1',()=>console.log('store http://127.0.0.1:'+s.address().port))",
    ],
    {},
    /store (http:\/\/\S+)/,
  );
  const endpoint = store.match;
  const tableName = 'bench-throughput';
  const client = createDocumentClient({
    region: 'us-east-1',
    endpoint,
    connectTimeoutMs: 1000,
    timeoutMs: 2000,
    maxAttempts: 1,
  });
  await ensureTable(client, itemsTableDefinition(tableName));
  client.destroy();

  const shared = {
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '1000000000',
    JWKS_URL: auth.jwksUrl,
    JWT_ISSUER: auth.issuer,
    JWT_SKIP_AUDIENCE: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const cases = [
    {
      name: 'dev-server',
      label: 'server.ts, as npm run dev (responses validated)',
      args: ['--import', 'tsx', 'server.ts'],
      env: { ...shared, NODE_ENV: 'development' },
    },
    {
      name: 'server-production',
      label: 'server.ts, NODE_ENV=production',
      args: ['--import', 'tsx', 'server.ts'],
      env: { ...shared, NODE_ENV: 'production', CURSOR_SECRET: 'x'.repeat(40) },
    },
    {
      name: 'bare-express',
      label: 'bare express + GetItem (baseline)',
      args: ['--import', 'tsx', path.join('bench', 'targets', 'bare-express-server.ts')],
      env: shared,
    },
  ];

  const results: ThroughputResult[] = [];
  let itemId: string | undefined;
  try {
    for (const c of cases) {
      const server = await startProcess(c.args, c.env, /listening on (http:\/\/\S+)/);
      try {
        if (!itemId) {
          const res = await fetch(`${server.match}/v1/items`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${auth.token}`,
            },
            body: JSON.stringify({ name: 'throughput', tags: ['bench'] }),
          });
          if (res.status !== 201) {
            throw new Error(
              `${c.name}: creating the item answered ${res.status}: ${await res.text()}`,
            );
          }
          itemId = ((await res.json()) as { id: string }).id;
        }
        const url = `${server.match}/v1/items/${itemId}`;
        await cannon(url, 1); // warm-up
        const r = await cannon(url, seconds);
        results.push({
          name: c.name,
          label: c.label,
          requestsPerSecond: r.requests.average,
          latencyP50Ms: r.latency.p50,
          latencyP99Ms: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors,
        });
        log(
          `  ${c.name.padEnd(18)} ${r.requests.average.toFixed(0)} req/s, p99 ${r.latency.p99} ms`,
        );
      } finally {
        await stop(server.child);
      }
    }
  } finally {
    await stop(store.child);
  }
  return results;
}
