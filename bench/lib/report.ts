import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResults, TargetResult } from './results';
import { summarize, type Summary } from './stats';

const f1 = (n: number) => n.toFixed(1);
const f0 = (n: number) => n.toFixed(0);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !b ? '–' : `${(a / b).toFixed(2)}×`;
const range = (s: Summary) => `${f1(s.median)} (${f1(s.min)}–${f1(s.max)})`;

/** The two configurations the goals are judged in, and the target measuring each (bench/run.ts). */
export type Configuration = 'production' | 'non-production';

export const CONFIGURATIONS: readonly {
  configuration: Configuration;
  target: string;
  title: string;
}[] = [
  {
    configuration: 'production',
    target: 'project',
    title:
      'Production (`project`: NODE_ENV=production, RS256 tokens from a JWKS, logs at info and metrics on)',
  },
  {
    configuration: 'non-production',
    target: 'project-dev',
    title:
      'Non-production (`project-dev`: NODE_ENV=development, VALIDATE_RESPONSES=false, JSON logs at info and metrics on, an HS256 JWT_SECRET)',
  },
];

/** The issue's limits. */
export const LIMITS = {
  /** Cold process wall, × SE+SDK. */
  coldWall: 1.3,
  /** Cold require + first invocations, × SE+SDK. */
  coldRequireFirst: 1.5,
  /** Warm p50, GET and POST, × SE bare. */
  warmVsSeBare: 2.0,
  /** Warm p50, GET and POST, × the typical stack: never above it. */
  warmVsTypicalStack: 1.0,
  /** dist/lambda.js, minified, AWS SDK bundled. */
  bundleBytes: 1_300_000,
} as const;

export interface Goal {
  configuration: Configuration;
  /** The target measured: `project` or `project-dev`. */
  target: string;
  name: string;
  unit: '×' | 'bytes';
  limit: number;
  actual: number | undefined;
  verdict: 'met' | 'missed' | 'not measured';
  /** actual − limit, when missed. */
  missedBy?: number;
}

/**
 * Warm ratio of two targets: the median over rounds of (a's round p50 / b's round p50). Rounds
 * run round-robin, so each pair was measured minutes apart at most: machine drift cancels out.
 */
export function pairedWarmRatio(
  a: TargetResult | undefined,
  b: TargetResult | undefined,
  route: 'get' | 'post',
): { median: number; min: number; max: number } | undefined {
  const ra = a?.warm?.roundP50?.[route];
  const rb = b?.warm?.roundP50?.[route];
  if (!ra || !rb || ra.length !== rb.length || ra.length === 0) return undefined;
  const { median, min, max } = summarize(ra.map((v, i) => v / (rb[i] as number)));
  return { median, min, max };
}

const times = (n: number) => `${n.toFixed(1)}×`;
const bytes = (n: number) => `${Math.round(n).toLocaleString('en-US')} bytes`;

/**
 * The bar from the issue, per configuration, as ratios measured in this same run. Production:
 * the bench's cold (require + first GET + first POST). Non-production: the same, and also
 * require + first GET alone (the independent harness's cold). The bundle, one file for both
 * configurations, is judged once, under production.
 */
export function goals(results: BenchResults): Goal[] {
  const by = (n: string) => results.targets.find((t) => t.name === n);
  const seSdk = by('se-sdk');
  const seBare = by('se-bare');
  const typical = by('typical-stack');
  const div = (a?: number, b?: number) => (a === undefined || !b ? undefined : a / b);
  const warm = (
    t: TargetResult | undefined,
    ref: TargetResult | undefined,
    route: 'get' | 'post',
  ) => pairedWarmRatio(t, ref, route)?.median ?? div(t?.warm?.[route].p50, ref?.warm?.[route].p50);
  const out: Goal[] = [];
  for (const { configuration, target } of CONFIGURATIONS) {
    const t = by(target);
    const goal = (
      name: string,
      limit: number,
      actual: number | undefined,
      unit: Goal['unit'] = '×',
    ) => {
      const measured = actual !== undefined && Number.isFinite(actual);
      const verdict = !measured ? 'not measured' : actual <= limit ? 'met' : 'missed';
      out.push({
        configuration,
        target,
        name,
        unit,
        limit,
        actual: measured ? actual : undefined,
        verdict,
        ...(verdict === 'missed' ? { missedBy: (actual as number) - limit } : {}),
      });
    };
    goal(
      `Cold, process wall ≤ ${times(LIMITS.coldWall)} SE+SDK`,
      LIMITS.coldWall,
      div(t?.cold?.wallMs.median, seSdk?.cold?.wallMs.median),
    );
    goal(
      `Cold, require + first GET + first POST ≤ ${times(LIMITS.coldRequireFirst)} SE+SDK`,
      LIMITS.coldRequireFirst,
      div(t?.cold?.requirePlusFirstMs.median, seSdk?.cold?.requirePlusFirstMs.median),
    );
    if (configuration === 'non-production')
      goal(
        `Cold, require + first GET ≤ ${times(LIMITS.coldRequireFirst)} SE+SDK (the independent harness's cold)`,
        LIMITS.coldRequireFirst,
        div(t?.cold?.requirePlusFirstGetMs?.median, seSdk?.cold?.requirePlusFirstGetMs?.median),
      );
    for (const route of ['get', 'post'] as const) {
      goal(
        `Warm p50 ${route.toUpperCase()} ≤ ${times(LIMITS.warmVsSeBare)} SE bare (median of per-round ratios)`,
        LIMITS.warmVsSeBare,
        warm(t, seBare, route),
      );
    }
    for (const route of ['get', 'post'] as const) {
      goal(
        `Warm p50 ${route.toUpperCase()} ≤ ${times(LIMITS.warmVsTypicalStack)} typical stack (median of per-round ratios)`,
        LIMITS.warmVsTypicalStack,
        warm(t, typical, route),
      );
    }
    if (configuration === 'production')
      goal(
        `Bundle ≤ ${bytes(LIMITS.bundleBytes)} minified, AWS SDK bundled (dist/lambda.js, both configurations)`,
        LIMITS.bundleBytes,
        t?.size?.bytes,
        'bytes',
      );
  }
  return out;
}

/** One goal's row: measured value, and verdict with the margin of a miss. */
function goalRow(g: Goal): string {
  const show = (n: number) => (g.unit === 'bytes' ? bytes(n) : `${n.toFixed(2)}×`);
  const by = g.missedBy ?? NaN;
  const margin = g.unit === '×' && by < 0.005 ? '< 0.01×' : show(by);
  const verdict = g.verdict === 'missed' ? `**missed by ${margin}**` : g.verdict;
  return `| ${g.name} | ${g.actual === undefined ? '–' : show(g.actual)} | ${verdict} |`;
}

function goalTables(all: Goal[]): string[] {
  return CONFIGURATIONS.flatMap(({ configuration, title }) => [
    `### ${title}`,
    '',
    '| goal | measured | verdict |',
    '|---|---|---|',
    ...all.filter((g) => g.configuration === configuration).map(goalRow),
    '',
  ]);
}

/** This project's rows stand out: one per configuration (labels in bench/run.ts). */
const targetCell = (t: TargetResult) => (t.name.startsWith('project') ? `**${t.label}**` : t.label);

function coldTable(targets: TargetResult[], ref: TargetResult | undefined): string[] {
  const rows = [
    '| target | require ms | first GET ms | first POST ms | require + first GET ms | × SE+SDK | require + first GET + first POST ms | × SE+SDK | process wall ms | × SE+SDK |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const t of targets) {
    if (!t.cold) continue;
    const c = t.cold;
    const firstGet = c.requirePlusFirstGetMs;
    rows.push(
      `| ${targetCell(t)} | ${range(c.requireMs)} | ${range(c.firstGetMs)} | ${range(c.firstPostMs)} | ` +
        `${firstGet ? range(firstGet) : '–'} | ${ratio(firstGet?.median, ref?.cold?.requirePlusFirstGetMs?.median)} | ` +
        `${range(c.requirePlusFirstMs)} | ${ratio(c.requirePlusFirstMs.median, ref?.cold?.requirePlusFirstMs.median)} | ` +
        `${range(c.wallMs)} | ${ratio(c.wallMs.median, ref?.cold?.wallMs.median)} |`,
    );
  }
  return rows;
}

function warmTable(
  targets: TargetResult[],
  seBare: TargetResult | undefined,
  typical: TargetResult | undefined,
): string[] {
  const rows = [
    '| target | GET p50 µs | GET p99 µs | × SE bare | × typical stack | POST p50 µs | POST p99 µs | × SE bare | × typical stack |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const paired = (t: TargetResult, ref: TargetResult | undefined, route: 'get' | 'post') => {
    const r = pairedWarmRatio(t, ref, route);
    return r ? `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})` : '–';
  };
  for (const t of targets) {
    if (!t.warm) continue;
    const w = t.warm;
    rows.push(
      `| ${targetCell(t)} | ${f1(w.get.p50)} | ${f1(w.get.p99)} | ${paired(t, seBare, 'get')} | ${paired(t, typical, 'get')} | ` +
        `${f1(w.post.p50)} | ${f1(w.post.p99)} | ${paired(t, seBare, 'post')} | ${paired(t, typical, 'post')} |`,
    );
  }
  return rows;
}

export function renderMarkdown(results: BenchResults): string {
  const by = (n: string) => results.targets.find((t) => t.name === n);
  const seBare = by('se-bare');
  const seSdk = by('se-sdk');
  const typical = by('typical-stack');
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\`${results.quick ? ' --quick (NOT representative)' : ''} on ${results.date}.`,
    `Machine: ${results.machine.cpus}, ${results.machine.cores} cores, ${results.machine.memoryGb} GB, Node ${results.machine.node}.`,
    `Cold: ${results.settings.coldRuns} fresh processes per target, round-robin. Warm: ${results.settings.warmCount} timed invocations per route, sequential, in ${results.settings.warmRounds} processes per target (each after ${results.settings.warmWarmup} warm-up invocations), round-robin.`,
    'Figures are medians with (min–max); ratios compare medians measured in this same run.',
    '',
    '## Goals',
    '',
    "This project is measured in two configurations, as two targets of the same run, round-robin with the peers: production (`project`) and non-production (`project-dev`). Cold ratios compare medians with SE+SDK; warm ratios are the median of per-round ratios (round _i_ of this project against round _i_ of the reference). Production is judged on the bench's cold (require + first GET + first POST); non-production also on require + first GET alone, the independent harness's cold. A missed goal shows by how much.",
    '',
    ...goalTables(goals(results)),
    '## Cold start (REST v1 events: a first GET /health, then a first POST /v1/items)',
    '',
    ...coldTable(results.targets, seSdk),
    '',
    "Both configurations of this project cold-start the shipped `dist/lambda.js` (AWS SDK and client init included), writing to an embedded store: the rate-limit counter and the item. Production (NODE_ENV=production): the first POST fetches the issuer's key set (a JWKS on loopback) and verifies an RS256 bearer token. Non-production (NODE_ENV=development, VALIDATE_RESPONSES=false, JSON logs at info, metrics on): the first POST verifies an HS256 token with JWT_SECRET, no key set to fetch. Both log an access line and an EMF metrics line per request to stdout, a pipe. Peers store in a Map and ignore the token; SE+SDK's first POST also writes its item to the same store.",
    '',
    '## Warm path (per invocation, in process)',
    '',
    'Ratios: the median of per-round ratios, with their range.',
    '',
    ...warmTable(results.targets, seBare, typical),
    '',
    "This project's warm figures run its app and middleware in each configuration (`bench/targets/project-warm.ts`: the same `createLambdaEntry` as `dist/lambda.js`) with its item, rate-limit and idempotency stores swapped for in-memory ones, as the peers store in a Map. Production verifies every POST's RS256 token against the cached key set; non-production verifies an HS256 token with JWT_SECRET. Neither validates responses (production's default; VALIDATE_RESPONSES=false in non-production, where the default is on). Both write an access line and an EMF metrics line per request.",
    '',
    '## Bundle size (esbuild, minified)',
    '',
    '| target | minified | gzip | × SE bare |',
    '|---|---|---|---|',
    ...results.targets
      .filter((t) => t.size)
      .map(
        (t) =>
          `| ${t.name === 'project' ? '**this project: `dist/lambda.js` (both configurations)**' : t.label} | ${kb(t.size?.bytes ?? 0)} | ${kb(t.size?.gzipBytes ?? 0)} | ${ratio(t.size?.bytes, seBare?.size?.bytes)} |`,
      ),
    '',
    "`dist/lambda.js` bundles the AWS SDK it uses on every request (the DynamoDB client); the Secrets Manager and SSM clients, loaded once per container and only when a secret or parameter is configured, are taken from the Lambda runtime's AWS SDK (`RUNTIME_PROVIDED_CLIENTS` in `scripts/build.ts`). The goal is 1,300,000 bytes (judged in bytes above); this table shows KiB.",
    '',
    ...(results.redaction
      ? [
          '## Log redaction (the shipped bundle, GET of a path that is logged)',
          '',
          `A ${results.redaction.pathBytes}-byte path of repeated \`eyJ\` (the start of every JWT) against a plain path of the same length, interleaved in one process; both answer 404 and both access lines are scrubbed. Linear redaction makes them cost the same (the pattern it replaced took about 100 ms for 10 KB of \`eyJ\`).`,
          '',
          '| path | p50 µs |',
          '|---|---|',
          `| \`/eyJeyJ…\` | ${f1(results.redaction.jwtLikeP50Us)} |`,
          `| \`/aaaa…\` | ${f1(results.redaction.plainP50Us)} |`,
          `| ratio | ${results.redaction.ratio.toFixed(2)}× |`,
          '',
        ]
      : []),
    '## Local server throughput (autocannon, 10 connections, GET /v1/items/{id})',
    '',
    '| server | req/s | p50 ms | p99 ms | non-2xx | errors |',
    '|---|---|---|---|---|---|',
    ...(results.throughput ?? []).map(
      (r) =>
        `| ${r.label} | ${f0(r.requestsPerSecond)} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.non2xx} | ${r.errors} |`,
    ),
    '',
    '## Estimated Lambda cost per million requests',
    '',
    "From the warm p50 (mean of GET and POST), scaled for Lambda's CPU share below 1,769 MB and billed per ms; constants and assumptions in `bench/lib/pricing.ts`. This project in both configurations.",
    '',
    '| target | 128 MB est. ms | 128 MB x86 / arm64 | 1024 MB est. ms | 1024 MB x86 / arm64 |',
    '|---|---|---|---|---|',
    ...results.targets
      .filter((t) => t.cost)
      .map((t) => {
        const [small, large] = t.cost ?? [];
        const usd = (n?: number) => (n === undefined ? '–' : `$${n.toFixed(4)}`);
        return `| ${targetCell(t)} | ${small?.estimatedMs.toFixed(2)} | ${usd(small?.usdPerMillion.x86_64)} / ${usd(small?.usdPerMillion.arm64)} | ${large?.estimatedMs.toFixed(2)} | ${usd(large?.usdPerMillion.x86_64)} / ${usd(large?.usdPerMillion.arm64)} |`;
      }),
    '',
  ];
  const historyFile = path.join(__dirname, '..', 'history.md');
  if (!results.quick && existsSync(historyFile)) lines.push(readFileSync(historyFile, 'utf8'));
  const failing = results.targets.filter((t) => t.problems.length);
  if (failing.length) {
    lines.push(
      '## Failing targets',
      '',
      ...failing.map((t) => `- ${t.label}: ${t.problems.join('; ')}`),
      '',
    );
  }
  return lines.join('\n');
}

/**
 * Where a run writes results.md and results.json: a full run beside bench/run.ts (the committed
 * report), a quick run under bench/.build/quick/ (ignored by git), so that a smoke run's
 * unrepresentative figures never overwrite the committed ones.
 */
export function reportFiles(benchDir: string, quick: boolean): { markdown: string; json: string } {
  const dir = quick ? path.join(benchDir, '.build', 'quick') : benchDir;
  return { markdown: path.join(dir, 'results.md'), json: path.join(dir, 'results.json') };
}

/** The progress line naming the files this run writes, relative to cwd. */
export function reportMessage(
  files: { markdown: string; json: string },
  quick: boolean,
  cwd = process.cwd(),
): string {
  const shown = (file: string) => path.relative(cwd, file) || file;
  return (
    `writing ${shown(files.markdown)} and ${shown(files.json)}` +
    (quick ? ' (quick mode: the committed bench/results.md is left as it is)' : '')
  );
}

/**
 * `text` as the repository's prettier config wants it for `file` (.prettierrc.json, found from
 * the file's directory up; the parser from its extension), so a run leaves nothing for
 * `npm run format` to do.
 */
export async function formatAsRepository(text: string, file: string): Promise<string> {
  // Loaded when a report is written, not with this module: prettier's CommonJS entry starts
  // importing its ESM core on load, which fails where dynamic import is unavailable (Jest).
  const prettier = await import('prettier');
  const config = await prettier.resolveConfig(file);
  return prettier.format(text, { ...config, filepath: file });
}

/** Writes results.json (with the goals) and results.md, both already formatted by prettier. */
export async function writeReport(
  results: BenchResults,
  files: { markdown: string; json: string },
): Promise<void> {
  for (const file of [files.markdown, files.json]) {
    mkdirSync(path.dirname(file), { recursive: true });
  }
  const json = JSON.stringify({ ...results, goals: goals(results) }, null, 2);
  writeFileSync(files.json, await formatAsRepository(json, files.json));
  writeFileSync(files.markdown, await formatAsRepository(renderMarkdown(results), files.markdown));
}
