import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleEntry, type BuildResult } from '../../scripts/build';
import { restV1Event } from '../support/lambda-events';
import { startTestStore, type TestStore } from '../support/store';

/**
 * X-Ray tracing (TRACING=true): Powertools Tracer, only when asked. Off, it must cost nothing
 * at cold start: the default bundle does not even contain it (a stand-in that refuses
 * TRACING=true takes its place), and a bundle built with it (TRACING_BUILD=true) does not
 * load it unless TRACING=true. On, DynamoDB calls and the invocation become X-Ray subsegments,
 * sent (as on Lambda) to the daemon address over UDP, which this test listens on.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const PROBE = path.join(__dirname, 'lambda-probe.cjs');
const TRACER_INPUTS = /node_modules\/(@aws-lambda-powertools\/tracer|aws-xray-sdk-core)\//;

let outDir: string;
let plain: BuildResult;
let traced: BuildResult;
let store: TestStore;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'tracing-bundles-'));
  [plain, traced] = await Promise.all([
    bundleEntry(path.join(ROOT, 'lambda.ts'), path.join(outDir, 'plain', 'lambda.js')),
    bundleEntry(path.join(ROOT, 'lambda.ts'), path.join(outDir, 'traced', 'lambda.js'), {
      tracing: true,
    }),
  ]);
  store = await startTestStore();
}, 120_000);

afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await store.close();
});

function inputsOf(built: BuildResult): string[] {
  const meta = JSON.parse(readFileSync(built.file.replace(/\.js$/, '.meta.json'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  return Object.keys(meta.inputs);
}

/** Runs the bundle in a fresh Node process (as a Lambda container) and invokes it. */
async function probe(
  built: BuildResult,
  env: Record<string, string>,
  events: unknown[] = [restV1Event({ method: 'GET', path: '/health' })],
): Promise<{ statuses?: number[]; xray?: boolean; error?: string }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [PROBE, built.file, JSON.stringify(events)],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DYNAMODB_ENDPOINT: store.endpoint,
        TABLE_NAME: store.tableName,
        JWT_SECRET_ID: 'unused',
        JWT_ISSUER: 'https://issuer.example',
        JWT_SKIP_AUDIENCE: 'true',
        CURSOR_SECRET: 'c'.repeat(40),
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'probe',
        AWS_SECRET_ACCESS_KEY: 'probe',
        LOG_LEVEL: 'silent',
        METRICS: 'false',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as {
    statuses?: number[];
    xray?: boolean;
    error?: string;
  };
}

describe('tracing off (the default)', () => {
  it('keeps the tracer and the X-Ray SDK out of the default bundle', () => {
    expect(inputsOf(plain).filter((i) => TRACER_INPUTS.test(i))).toEqual([]);
    expect(inputsOf(traced).filter((i) => TRACER_INPUTS.test(i)).length).toBeGreaterThan(10);
    // What opting in costs, for the record: about 125 KB minified.
    expect(traced.bytes - plain.bytes).toBeGreaterThan(50_000);
  });

  it('never loads the X-Ray SDK without TRACING=true, even in a bundle that has it', async () => {
    // JWT_SECRET_ID would need Secrets Manager: use a plain key here.
    const env = { JWT_SECRET_ID: '', JWT_SECRET: 'k'.repeat(40), NODE_ENV: 'test' };
    expect(await probe(plain, env)).toEqual({ statuses: [200], xray: false });
    expect(await probe(traced, env)).toEqual({ statuses: [200], xray: false });
  }, 30_000);

  it('refuses TRACING=true, at init and with the fix, when the bundle was built without the tracer', async () => {
    const result = await probe(plain, { TRACING: 'true' });
    expect(result.error).toMatch(/TRACING_BUILD=true npm run build/);
  }, 30_000);
});

describe('tracing on (TRACING=true, bundle built with TRACING_BUILD=true)', () => {
  let daemon: Socket;
  const received: string[] = [];

  beforeAll(async () => {
    daemon = createSocket('udp4');
    daemon.on('message', (message) => received.push(message.toString()));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  });

  afterAll(() => daemon.close());

  it('sends a subsegment per invocation (annotated) with the DynamoDB calls beneath it', async () => {
    const id = '0b6f5f9e-5d1c-4b55-9d3a-8e2f4c6a7b10';
    const result = await probe(
      traced,
      {
        TRACING: 'true',
        JWT_SECRET_ID: '',
        JWT_SECRET: 'k'.repeat(40),
        NODE_ENV: 'test',
        POWERTOOLS_SERVICE_NAME: 'items-api',
        // What Lambda sets for a function with active tracing.
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        LAMBDA_TASK_ROOT: ROOT,
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
        AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
      },
      [
        restV1Event({ method: 'GET', path: `/v1/items/${id}` }),
        restV1Event({ method: 'GET', path: '/health' }),
      ],
    );
    expect(result).toEqual({ statuses: [404, 200], xray: true });
    await new Promise((resolve) => setTimeout(resolve, 200)); // UDP delivery

    // Each datagram: a header line, then one subsegment document.
    const docs = received.map(
      (d) =>
        JSON.parse(d.split('\n')[1] as string) as {
          id: string;
          name: string;
          parent_id: string;
          trace_id: string;
          annotations?: Record<string, unknown>;
          aws?: { operation?: string; table_name?: string };
        },
    );
    const handlers = docs.filter((d) => d.name === '## handler');
    expect(handlers.map((h) => h.annotations)).toEqual([
      {
        ColdStart: true,
        Service: 'items-api',
        route: '/v1/items/{id}',
        method: 'GET',
        status: 404,
      },
      { ColdStart: false, Service: 'items-api', route: '/health', method: 'GET', status: 200 },
    ]);
    // Under the first invocation's trace (its Parent from _X_AMZN_TRACE_ID), the GetItem call.
    const [first] = handlers;
    expect(first?.trace_id).toBe(`1-5f84c7a1-${'1'.padStart(24, '0')}`);
    expect(first?.parent_id).toBe(`${'a'.repeat(15)}1`);
    expect(docs.filter((d) => d.name === 'DynamoDB' && d.parent_id === first?.id)).toEqual([
      expect.objectContaining({
        trace_id: first?.trace_id,
        aws: expect.objectContaining({ operation: 'GetItem', table_name: store.tableName }),
      }),
    ]);
  }, 30_000);
});
