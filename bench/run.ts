/**
 * `npm run bench [-- --quick]`: this project against its peers and the floor, in one run on
 * one machine. Writes bench/results.md and bench/results.json; a quick run writes them under
 * bench/.build/quick/ instead (lib/report.ts, reportFiles). See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { buildLambda, bundleEntry, type BuildResult } from '../scripts/build';
import { restV1Event } from '../test/support/lambda-events';
import { startLocalJwks } from '../test/support/local-jwks';
import { LOCAL_ISSUER, loadConfig } from '../app/config';
import { mintToken } from '../app/auth/mint-token';
import { ensureLocalTables } from '../entry/dynamo-stores';
import { startEmbeddedDynamo } from '../app/storage/embedded-dynamo';
import { clientOptionsFrom, createDynamoClient } from '../app/storage/dynamo-client';
import { measureThroughput } from './lib/throughput';
import { costPerMillion } from './lib/pricing';
import { percentiles, summarize } from './lib/stats';
import { reportFiles, reportMessage, writeReport } from './lib/report';
import type { BenchResults, RedactionResult, TargetResult } from './lib/results';

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(__dirname, '.build');
const QUICK = process.argv.includes('--quick');
const COLD_RUNS = QUICK ? 3 : 15;
const WARM_WARMUP = QUICK ? 200 : 2_000;
/** Timed invocations per route, split into rounds run round-robin across targets. */
const WARM_ROUNDS = QUICK ? 2 : 4;
const WARM_COUNT = QUICK ? 1_000 : 20_000;
const THROUGHPUT_SECONDS = QUICK ? 1 : 4;
const REPORT = reportFiles(__dirname, QUICK);

export interface Target {
  name: string;
  label: string;
  /** Bundle used for cold start and size. */
  coldFile?: string;
  /** Bundle used for the warm path. */
  warmFile?: string;
  /** The target's own environment, over COMMON_ENV, in every step (check, cold, warm). */
  env?: Record<string, string>;
  /** Added for its cold bundle only (the check of coldFile, the cold runs): the embedded store. */
  coldEnv?: Record<string, string>;
  /** The events it is sent (a POST token it accepts); the shared events file when unset. */
  eventsFile?: string;
  size?: BuildResult;
}

/** A target's whole environment when running its cold or its warm bundle. */
function envOf(t: Target, bundle: 'cold' | 'warm'): Record<string, string> {
  return { ...COMMON_ENV, ...t.env, ...(bundle === 'cold' ? t.coldEnv : {}) };
}

const PEERS: { name: string; label: string }[] = [
  { name: 'raw', label: 'raw handler (floor)' },
  { name: 'se-bare', label: 'SE bare (express + serverless-express)' },
  { name: 'se-sdk', label: 'SE+SDK (SE bare + DynamoDB client)' },
  { name: 'serverless-http', label: 'express + serverless-http' },
  { name: 'hono', label: 'hono (hono/aws-lambda)' },
  { name: 'fastify', label: 'fastify (@fastify/aws-lambda)' },
  { name: 'typical-stack', label: 'typical stack (SE + helmet + rate-limit + openapi-validator)' },
];

const log = (line: string) => process.stdout.write(`${line}\n`);

function runChild(
  args: string[],
  env: Record<string, string>,
): Promise<{ wallMs: number; out: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 && !out.trim())
        reject(new Error(`child failed (${code}): ${err.slice(0, 2000)}`));
      else resolve({ wallMs, out, code });
    });
  });
}

function lastJsonLine<T>(out: string): T {
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as T;
}

const COMMON_ENV = {
  NODE_ENV: 'production',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The cursor key and the rate limit of both configurations: a limit no benchmark loop reaches. */
const PROJECT_BASE_ENV = {
  CURSOR_SECRET: 'bench-cursor-secret-0123456789abcdef0123',
  RATE_LIMIT_MAX: '1000000000',
};

/**
 * Production settings for this project (metrics and access logs on, as deployed), with a rate
 * limit no benchmark loop can reach. The
 * token key source is an issuer's JWKS, served on loopback by this process (`startLocalJwks`),
 * as production requires (JWKS_URL + JWT_ISSUER; a plain JWT_SECRET is refused there).
 */
function projectEnv(jwks: { url: string; issuer: string }): Record<string, string> {
  return {
    ...PROJECT_BASE_ENV,
    JWKS_URL: jwks.url,
    JWT_ISSUER: jwks.issuer,
    // As the stack deploys a key of its own: no audience to check, said explicitly.
    JWT_SKIP_AUDIENCE: 'true',
    // As on Lambda, where metrics default on: one EMF line per invocation, and an access line.
    // BENCH_OBSERVABILITY=off measures the same code with both turned off.
    ...(process.env.BENCH_OBSERVABILITY === 'off'
      ? { METRICS: 'false', LOG_LEVEL: 'warn' }
      : { METRICS: 'true' }),
  };
}

/** The HS256 key of the non-production configuration (40+ characters). */
const DEV_JWT_SECRET = 'bench-dev-jwt-secret-0123456789abcdef0123456789';

/**
 * The non-production configuration, as the independent harness runs it: NODE_ENV=development
 * (overriding COMMON_ENV's production), no response validation, JSON logs at info and metrics
 * on (stdout a pipe, as every child's), no docs page, and an HS256 JWT_SECRET as the one token
 * key source (the config refuses two: no JWKS_URL, and JWT_ISSUER left to its local default).
 * BENCH_OBSERVABILITY does not apply: the harness fixes logs and metrics on.
 */
function projectDevEnv(): Record<string, string> {
  return {
    ...PROJECT_BASE_ENV,
    NODE_ENV: 'development',
    VALIDATE_RESPONSES: 'false',
    LOG_LEVEL: 'info',
    METRICS: 'true',
    DOCS_UI: 'false',
    JWT_SECRET: DEV_JWT_SECRET,
  };
}

/** A token the non-production configuration accepts: HS256, its key, the local issuer. */
function projectDevToken(): Promise<string> {
  return mintToken({
    secret: DEV_JWT_SECRET,
    issuer: LOCAL_ISSUER,
    subject: 'bench',
    scopes: ['items:write'],
    expiresIn: '12h',
  });
}

async function buildPeers(): Promise<Map<string, BuildResult>> {
  const out = new Map<string, BuildResult>();
  for (const peer of PEERS) {
    const built = await bundleEntry(
      path.join(__dirname, 'peers', `${peer.name}.ts`),
      path.join(BUILD_DIR, 'peers', `${peer.name}.js`),
      { projectPlugins: false },
    );
    out.set(peer.name, built);
  }
  return out;
}

/** This project, transpiled file by file (not bundled), resolving node_modules as in dev. */
async function buildUnbundled(): Promise<string> {
  const outdir = path.join(BUILD_DIR, 'unbundled');
  const entries = ['lambda.ts'];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts')) entries.push(rel);
    }
  };
  walk('app');
  walk('lambda-adapter');
  walk('entry');
  await build({
    entryPoints: entries.map((e) => path.join(ROOT, e)),
    outdir,
    outbase: ROOT,
    bundle: false,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    logLevel: 'error',
  });
  cpSync(path.join(ROOT, 'openapi.yaml'), path.join(outdir, 'openapi.yaml'));
  return path.join(outdir, 'lambda.js');
}

/**
 * The events every target is sent. Every POST carries the same bearer token (scope
 * items:write): this project verifies it, the peers ignore it, so all parse the same bytes.
 * The non-production configuration gets the same events with an HS256 token of its own.
 */
function events(token: string) {
  const json = (body: unknown, authorization: string[] = [`Bearer ${token}`]) => ({
    method: 'POST',
    path: '/v1/items',
    headers: { 'Content-Type': ['application/json'], Authorization: authorization },
    body: Buffer.from(JSON.stringify(body)),
    executeApiDomain: true,
  });
  return {
    get: restV1Event({ method: 'GET', path: '/health', executeApiDomain: true }),
    post: restV1Event(json({ name: 'bench', tags: ['a'] })),
    invalidPosts: [restV1Event(json({ name: '' })), restV1Event(json({ name: 'x', extra: 1 }))],
    /** Checked on this project only: without a token a write is refused (auth is really on). */
    unauthenticatedPost: restV1Event(json({ name: 'bench' }, [])),
  };
}

/** Request-target length of the redaction case: under the 4096-byte limit, so it is served. */
const REDACTION_PATH_BYTES = 4000;

/**
 * The redaction case: a path of repeated `eyJ` and a plain one of the same length through the
 * shipped bundle (both 404, both logged), interleaved in one child process. Redaction is linear
 * when the two cost the same; the pattern it replaced took about 100 ms for 10 KB of `eyJ`.
 */
async function measureRedaction(
  bundle: string,
  env: Record<string, string>,
): Promise<RedactionResult | { problem: string }> {
  const jwtLike = `/${'eyJ'.repeat(Math.floor((REDACTION_PATH_BYTES - 1) / 3))}`;
  const plain = `/${'a'.repeat(jwtLike.length - 1)}`;
  const file = path.join(BUILD_DIR, 'redaction-events.json');
  writeFileSync(
    file,
    JSON.stringify({
      jwtLike: restV1Event({ method: 'GET', path: jwtLike, executeApiDomain: true }),
      plain: restV1Event({ method: 'GET', path: plain, executeApiDomain: true }),
    }),
  );
  const { out } = await runChild(
    [
      path.join(__dirname, 'lib', 'path-child.cjs'),
      bundle,
      file,
      String(QUICK ? 50 : 500),
      String(QUICK ? 200 : 2_000),
    ],
    { ...env, LOG_LEVEL: 'info' },
  );
  const r = lastJsonLine<{ jwtLike: number[]; plain: number[]; failures: number; error?: string }>(
    out,
  );
  if (r.error) return { problem: `redaction: ${r.error}` };
  if (r.failures) return { problem: `redaction: ${r.failures} invocations did not answer 404` };
  const jwtLikeP50Us = percentiles(r.jwtLike).p50;
  const plainP50Us = percentiles(r.plain).p50;
  return { pathBytes: jwtLike.length, jwtLikeP50Us, plainP50Us, ratio: jwtLikeP50Us / plainP50Us };
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(BUILD_DIR, { recursive: true });
  // The identity provider for the whole run; tokens outlive the longest run by far.
  const jwks = await startLocalJwks();
  const token = await jwks.sign({ sub: 'bench', scope: 'items:write' }, '12h');
  const projectSettings = projectEnv(jwks);
  const eventsFile = path.join(BUILD_DIR, 'events.json');
  writeFileSync(eventsFile, JSON.stringify(events(token)));
  const devEventsFile = path.join(BUILD_DIR, 'events-dev.json');
  writeFileSync(devEventsFile, JSON.stringify(events(await projectDevToken())));
  const devSettings = projectDevEnv();

  log(`[1/7] building targets${QUICK ? ' (quick mode)' : ''}`);
  const peerBuilds = await buildPeers();
  const project = await buildLambda();
  // Timed from a private copy of those very bytes: a concurrent `npm run build` (or test/build)
  // empties dist/ and could otherwise break, or swap, the bundle in the middle of the run.
  const projectFile = path.join(BUILD_DIR, 'project', 'lambda.js');
  mkdirSync(path.dirname(projectFile), { recursive: true });
  copyFileSync(project.file, projectFile);
  const projectWarm = await bundleEntry(
    path.join(__dirname, 'targets', 'project-warm.ts'),
    path.join(BUILD_DIR, 'project-warm.js'),
  );
  const unbundled = await buildUnbundled();

  // The shipped bundle's cold POST writes to a real (embedded) store, as it would on AWS: the
  // item, and the rate limiter's counter (writes are limited through DynamoDB). Its tables are
  // the ones the project's own config names (RATE_LIMIT_TABLE_NAME, IDEMPOTENCY_TABLE_NAME at
  // their defaults), created as the local server creates them.
  const store = await startEmbeddedDynamo();
  const storeEnv = { DYNAMODB_ENDPOINT: store.endpoint, TABLE_NAME: 'bench-items' };
  const storeConfig = loadConfig(
    { ...COMMON_ENV, ...projectSettings, ...storeEnv },
    { defaultStorage: 'aws' },
  );
  const client = createDynamoClient(clientOptionsFrom(storeConfig));
  await ensureLocalTables(client, storeConfig);
  client.destroy();

  const targets: Target[] = [
    ...PEERS.map((p) => {
      const b = peerBuilds.get(p.name) as BuildResult;
      // SE+SDK's first POST writes to the same store as this project's (bench/peers/se-sdk.ts).
      return {
        ...p,
        coldFile: b.file,
        warmFile: b.file,
        size: b,
        ...(p.name === 'se-sdk' ? { env: storeEnv } : {}),
      };
    }),
    // Both configurations: the same bundles (cold: the copy of dist/lambda.js, writing to the
    // store; warm: project-warm, stores in memory), each with its own env and token.
    {
      name: 'project',
      label: 'this project: production',
      coldFile: projectFile,
      warmFile: projectWarm.file,
      env: projectSettings,
      coldEnv: storeEnv,
      size: project,
    },
    {
      name: 'project-dev',
      label: 'this project: non-production',
      coldFile: projectFile,
      warmFile: projectWarm.file,
      env: devSettings,
      coldEnv: storeEnv,
      eventsFile: devEventsFile,
    },
    {
      name: 'project-unbundled',
      label: 'this project: production, unbundled (cold only)',
      coldFile: unbundled,
      env: projectSettings,
      coldEnv: storeEnv,
    },
  ];
  const results = new Map<string, TargetResult>(
    targets.map((t) => [
      t.name,
      {
        name: t.name,
        label: t.label,
        problems: [],
        size: t.size && { bytes: t.size.bytes, gzipBytes: t.size.gzipBytes },
      },
    ]),
  );

  log('[2/7] checking that every target answers correctly');
  for (const t of targets) {
    // The cold bundle with its cold env (the store); the warm one, when it is another file.
    const bundles = [
      ...(t.coldFile ? [{ file: t.coldFile, env: envOf(t, 'cold') }] : []),
      ...(t.warmFile && t.warmFile !== t.coldFile
        ? [{ file: t.warmFile, env: envOf(t, 'warm') }]
        : []),
    ];
    for (const { file, env } of bundles) {
      const { out } = await runChild(
        [
          path.join(__dirname, 'lib', 'check-child.cjs'),
          file,
          t.eventsFile ?? eventsFile,
          ...(t.name.startsWith('project') ? ['--auth'] : []),
        ],
        env,
      );
      const { problems } = lastJsonLine<{ problems: string[] }>(out);
      const r = results.get(t.name) as TargetResult;
      r.problems.push(...problems.map((p) => `${path.basename(file)}: ${p}`));
    }
    const r = results.get(t.name) as TargetResult;
    log(`  ${t.name.padEnd(18)} ${r.problems.length ? `FAILING: ${r.problems.join('; ')}` : 'ok'}`);
  }
  const healthy = targets.filter(
    (t) => (results.get(t.name) as TargetResult).problems.length === 0,
  );

  log(`[3/7] cold starts: ${COLD_RUNS} fresh processes per target, round-robin`);
  const cold = new Map<string, { req: number[]; get: number[]; post: number[]; wall: number[] }>();
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const t of healthy.filter((x) => x.coldFile)) {
      const { out, wallMs } = await runChild(
        [
          path.join(__dirname, 'lib', 'cold-child.cjs'),
          t.coldFile as string,
          t.eventsFile ?? eventsFile,
        ],
        envOf(t, 'cold'),
      );
      const r = lastJsonLine<{
        requireMs: number;
        firstGetMs: number;
        firstPostMs: number;
        statuses?: number[];
        error?: string;
      }>(out);
      if (r.error || r.statuses?.[0] !== 200 || r.statuses[1] !== 201) {
        (results.get(t.name) as TargetResult).problems.push(
          `cold run ${run}: ${r.error ?? `statuses ${JSON.stringify(r.statuses)}`}`,
        );
        continue;
      }
      const c = cold.get(t.name) ?? { req: [], get: [], post: [], wall: [] };
      c.req.push(r.requireMs);
      c.get.push(r.firstGetMs);
      c.post.push(r.firstPostMs);
      c.wall.push(wallMs);
      cold.set(t.name, c);
    }
    log(`  round ${run + 1}/${COLD_RUNS}`);
  }
  for (const [name, c] of cold) {
    (results.get(name) as TargetResult).cold = {
      requireMs: summarize(c.req),
      firstGetMs: summarize(c.get),
      firstPostMs: summarize(c.post),
      requirePlusFirstMs: summarize(
        c.req.map((v, i) => v + (c.get[i] as number) + (c.post[i] as number)),
      ),
      requirePlusFirstGetMs: summarize(c.req.map((v, i) => v + (c.get[i] as number))),
      wallMs: summarize(c.wall),
    };
  }

  log(
    `[4/7] warm path: ${WARM_COUNT} timed invocations per route in ${WARM_ROUNDS} rounds ` +
      `(each after ${WARM_WARMUP} warm-up invocations), round-robin across targets`,
  );
  const warmTargets = healthy.filter((x) => x.warmFile);
  const samples = new Map<
    string,
    { get: number[]; post: number[]; failures: number; roundGet: number[]; roundPost: number[] }
  >();
  for (let round = 0; round < WARM_ROUNDS; round++) {
    for (const t of warmTargets) {
      const { out } = await runChild(
        [
          path.join(__dirname, 'lib', 'warm-child.cjs'),
          t.warmFile as string,
          t.eventsFile ?? eventsFile,
          String(WARM_WARMUP),
          String(WARM_COUNT / WARM_ROUNDS),
        ],
        envOf(t, 'warm'),
      );
      type Route = { samples: number[]; failures: number };
      const r = lastJsonLine<{ get: Route; post: Route; error?: string }>(out);
      if (r.error) {
        (results.get(t.name) as TargetResult).problems.push(`warm: ${r.error}`);
        continue;
      }
      const acc = samples.get(t.name) ?? {
        get: [],
        post: [],
        failures: 0,
        roundGet: [],
        roundPost: [],
      };
      acc.get.push(...r.get.samples);
      acc.post.push(...r.post.samples);
      acc.roundGet.push(percentiles(r.get.samples).p50);
      acc.roundPost.push(percentiles(r.post.samples).p50);
      acc.failures += r.get.failures + r.post.failures;
      samples.set(t.name, acc);
    }
    log(`  round ${round + 1}/${WARM_ROUNDS}`);
  }
  for (const [name, acc] of samples) {
    const result = results.get(name) as TargetResult;
    if (acc.failures)
      result.problems.push(`warm: ${acc.failures} invocations answered unexpectedly`);
    const get = percentiles(acc.get);
    const post = percentiles(acc.post);
    result.warm = { get, post, roundP50: { get: acc.roundGet, post: acc.roundPost } };
    result.cost = [128, 1024].map((mb) => costPerMillion((get.p50 + post.p50) / 2, mb));
    log(
      `  ${name.padEnd(18)} GET p50 ${get.p50.toFixed(1)} µs, POST p50 ${post.p50.toFixed(1)} µs`,
    );
  }
  await store.close();

  log('[5/7] log redaction: the shipped bundle, GET of an eyJ… path vs a plain path as long');
  const redaction = await measureRedaction(projectFile, {
    ...COMMON_ENV,
    ...projectSettings,
    ...storeEnv,
  });
  if ('problem' in redaction)
    (results.get('project') as TargetResult).problems.push(redaction.problem);
  else
    log(
      `  ${redaction.pathBytes}-byte paths: eyJ… p50 ${redaction.jwtLikeP50Us.toFixed(1)} µs, ` +
        `plain p50 ${redaction.plainP50Us.toFixed(1)} µs (${redaction.ratio.toFixed(2)}×)`,
    );

  log(`[6/7] local server throughput: autocannon, ${THROUGHPUT_SECONDS} s per case`);
  const throughput = await measureThroughput(THROUGHPUT_SECONDS, log, {
    jwksUrl: jwks.url,
    issuer: jwks.issuer,
    token,
  });
  await jwks.close();

  log(`[7/7] ${reportMessage(REPORT, QUICK)}`);
  const cpus = os.cpus();
  const report: BenchResults = {
    date: new Date().toISOString(),
    quick: QUICK,
    machine: {
      node: process.version,
      cpus: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
    },
    settings: {
      coldRuns: COLD_RUNS,
      warmWarmup: WARM_WARMUP,
      warmRounds: WARM_ROUNDS,
      warmCount: WARM_COUNT,
      throughputSeconds: THROUGHPUT_SECONDS,
    },
    targets: [...results.values()],
    throughput,
    ...('problem' in redaction ? {} : { redaction }),
  };
  await writeReport(report, REPORT);
  log(
    `done in ${((Date.now() - started) / 1000).toFixed(0)} s: ` +
      path.relative(process.cwd(), REPORT.markdown),
  );
  const failing = report.targets.filter((t) => t.problems.length > 0);
  if (failing.length) {
    log(`failing targets: ${failing.map((t) => t.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
