import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { idempotencyTableDefinition } from '../../app/idempotency/idempotency-table';
import { rateLimitTableDefinition } from '../../app/rate-limit/rate-limit-table';
import { ensureTable } from '../../app/storage/ensure-table';
import { buildLambda, type BuildResult } from '../../scripts/build';
import { lambdaContext, type EventInput } from '../support/lambda-events';
import { startTestStore, type TestStore } from '../support/store';
import { testToken, TEST_JWT_SECRET } from '../support/tokens';
import { fromLambdaResult, toEvent, type TransportKind } from '../support/transport';

/**
 * Many invocations in one process at once, as Lambda Managed Instances run them: on the built
 * bundle, 64 concurrent invocations of mixed routes, event shapes and source IPs, interleaved
 * by the store's own latency. Each must see only its own invocation's facts: its response's
 * X-Request-Id, its access line, its rate-limit key, its metrics document. The same holds
 * with one invocation at a time, without AWS_LAMBDA_MAX_CONCURRENCY.
 */
let built: BuildResult;
let store: TestStore;
let dir: string;
beforeAll(async () => {
  built = await buildLambda();
  store = await startTestStore();
  dir = mkdtempSync(path.join(tmpdir(), 'elapi-concurrency-'));
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

type Shape = Exclude<TransportKind, 'express' | 'alb'>;
const SHAPES: Shape[] = ['rest-v1', 'http-v2', 'function-url', 'alb-multi', 'lattice'];

interface Planned {
  shape: Shape;
  input: EventInput;
  context: Context;
  sourceIp: string;
  route: string;
  status: number;
}

/** The mix: reads that touch the store, writes, and refused tokens (each charged to its IP). */
function plan(run: string, count: number, token: string): Planned[] {
  return Array.from({ length: count }, (_, i) => {
    const shape = SHAPES[i % SHAPES.length] as Shape;
    const sourceIp = `198.51.${run === 'lmi' ? 100 : 101}.${i + 1}`;
    const kind = i % 4;
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const base = { sourceIp, headers: { Authorization: [`Bearer ${token}`] } };
    const input: EventInput =
      kind === 0
        ? { ...base, method: 'GET', path: `/v1/items/${id}` }
        : kind === 1
          ? {
              ...base,
              method: 'POST',
              path: '/v1/items',
              headers: { ...base.headers, 'Content-Type': ['application/json'] },
              body: Buffer.from(JSON.stringify({ name: `${run} ${i}` })),
            }
          : kind === 2
            ? { ...base, method: 'GET', path: '/health/ready' }
            : {
                ...base,
                method: 'GET',
                path: '/v1/items',
                headers: { Authorization: ['Bearer not.a.token'] },
              };
    const [route, status] = (
      [
        ['/v1/items/{id}', 404],
        ['/v1/items', 201],
        ['/health/ready', 200],
        ['/v1/items', 401],
      ] as const
    )[kind] as readonly [string, number];
    return { shape, input, context: lambdaContext(), sourceIp, route, status };
  });
}

async function runConcurrently(run: string, env: Record<string, string>) {
  const rateLimitTable = `rl-${run}`;
  await ensureTable(store.client, rateLimitTableDefinition(rateLimitTable));
  await ensureTable(store.client, idempotencyTableDefinition(`idem-${run}`));
  const planned = plan(run, 64, await testToken({ subject: `writer-${run}` }));
  const invocationsFile = path.join(dir, `${run}-invocations.json`);
  const resultsFile = path.join(dir, `${run}-results.json`);
  writeFileSync(
    invocationsFile,
    JSON.stringify(planned.map((p) => ({ event: toEvent(p.shape, p.input), context: p.context }))),
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join(__dirname, '..', 'support', 'concurrent-runner.cjs'),
      built.file,
      invocationsFile,
      resultsFile,
    ],
    {
      maxBuffer: 64 * 1024 * 1024,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DYNAMODB_ENDPOINT: store.endpoint,
        TABLE_NAME: store.tableName,
        RATE_LIMIT_TABLE_NAME: rateLimitTable,
        IDEMPOTENCY_TABLE_NAME: `idem-${run}`,
        JWT_SECRET: TEST_JWT_SECRET,
        CURSOR_SECRET: 'c'.repeat(40),
        // One failed authentication per IP and window: a miskeyed failure would make a 429.
        AUTH_FAILURE_LIMIT_MAX: '1',
        RATE_LIMIT_MAX: '1000',
        METRICS: 'true',
        LOG_LEVEL: 'info',
        AWS_REGION: 'eu-west-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
    },
  ).catch((err: { stderr?: string }) => {
    // The bundle's minified source line would drown the cause: keep the message lines only.
    const lines = (err.stderr ?? '').split('\n').filter((l) => l.length < 500);
    throw new Error(`the runner failed:\n${lines.join('\n')}`);
  });
  const { results, maxInFlight } = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    results: { result?: unknown; error?: string }[];
    maxInFlight: number;
  };
  const lines = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const counters = await store.client.send(new ScanCommand({ TableName: rateLimitTable }));
  return { planned, results, maxInFlight, lines, counters: counters.Items ?? [] };
}

describe.each([
  ['lmi', { AWS_LAMBDA_MAX_CONCURRENCY: '64' }],
  ['one-at-a-time', {}],
] as const)('the built bundle, 64 invocations at once (%s)', (run, env) => {
  let outcome: Awaited<ReturnType<typeof runConcurrently>>;
  beforeAll(async () => {
    outcome = await runConcurrently(run, env);
  }, 60_000);

  it('really ran them together', () => {
    expect(outcome.maxInFlight).toBe(64);
  });

  it('answers each with its own status and its own awsRequestId as X-Request-Id', () => {
    const mismatched = outcome.planned.filter((p, i) => {
      const res = fromLambdaResult(outcome.results[i]?.result);
      return res.status !== p.status || res.headers['x-request-id'] !== p.context.awsRequestId;
    });
    expect(mismatched.map((p) => p.context.awsRequestId)).toEqual([]);
  });

  it('writes one access line per invocation, naming that invocation and its route', () => {
    const access = outcome.lines.filter((l) => l.msg === 'request');
    expect(access).toHaveLength(64);
    const byId = new Map(access.map((l) => [l.awsRequestId, l]));
    for (const p of outcome.planned) {
      const line = byId.get(p.context.awsRequestId);
      expect({
        id: p.context.awsRequestId,
        requestId: line?.requestId,
        route: line?.route,
        path: line?.path,
        status: line?.status,
      }).toEqual({
        id: p.context.awsRequestId,
        requestId: p.context.awsRequestId,
        route: p.route,
        path: p.input.path,
        status: p.status,
      });
    }
    // Exactly one of them was the process's cold start.
    expect(access.filter((l) => l.coldStart === true)).toHaveLength(1);
  });

  it("charges each refused token to its own client IP, never another's", () => {
    const refused = outcome.planned.filter((p) => p.status === 401);
    const failures = outcome.counters.filter((c) => String(c.pk).startsWith('authfail:'));
    expect(failures.map((c) => [c.pk, c.hits]).sort()).toEqual(
      refused.map((p) => [`authfail:ip:${p.sourceIp}`, 1]).sort(),
    );
  });

  it("writes one metrics document per request, with that request's route and method", () => {
    const emf = outcome.lines.filter((l) => typeof l._aws === 'object' && 'Requests' in l);
    expect(emf).toHaveLength(64);
    const byId = new Map(emf.map((l) => [l.requestId, l]));
    for (const p of outcome.planned) {
      const doc = byId.get(p.context.awsRequestId);
      expect({ route: doc?.route, method: doc?.method, requests: doc?.Requests }).toEqual({
        route: p.route,
        method: p.input.method,
        requests: 1,
      });
    }
  });
});
