import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  goals,
  LIMITS,
  renderMarkdown,
  reportFiles,
  reportMessage,
  type Goal,
} from '../../bench/lib/report';
import type { BenchResults, TargetResult } from '../../bench/lib/results';
import type { Summary } from '../../bench/lib/stats';
import { ROOT, runCommand } from '../support/run-command';

const BENCH = path.join(ROOT, 'bench');

const one = (median: number): Summary => ({ median, min: median, max: median, n: 1 });

/** A target with cold medians (ms), warm round p50s (µs) and, optionally, a bundle size. */
function target(
  name: string,
  o: {
    cold?: { req: number; get: number; post: number; wall: number };
    warm?: { get: number[]; post: number[]; getP50?: number; postP50?: number };
    bytes?: number;
  },
): TargetResult {
  const { cold, warm } = o;
  const p50 = (rounds: number[]) => rounds[Math.floor(rounds.length / 2)] as number;
  return {
    name,
    label: name,
    problems: [],
    ...(cold && {
      cold: {
        requireMs: one(cold.req),
        firstGetMs: one(cold.get),
        firstPostMs: one(cold.post),
        requirePlusFirstMs: one(cold.req + cold.get + cold.post),
        requirePlusFirstGetMs: one(cold.req + cold.get),
        wallMs: one(cold.wall),
      },
    }),
    ...(warm && {
      warm: {
        get: { p50: warm.getP50 ?? p50(warm.get), p99: 0, mean: 0 },
        post: { p50: warm.postP50 ?? p50(warm.post), p99: 0, mean: 0 },
        roundP50: { get: warm.get, post: warm.post },
      },
    }),
    ...(o.bytes !== undefined && { size: { bytes: o.bytes, gzipBytes: Math.round(o.bytes / 3) } }),
  };
}

/**
 * SE+SDK: require + first 150 ms (require + first GET 120), wall 200. SE bare warm: GET 50,
 * POST 100 µs per round; typical stack: GET 200, POST 150.
 */
function synthetic(overrides: { bytes?: number; withDev?: boolean } = {}): BenchResults {
  const { bytes = 1_242_956, withDev = true } = overrides;
  return {
    date: '2030-01-01T00:00:00.000Z',
    quick: true,
    machine: { node: 'v24.0.0', cpus: 'test cpu', cores: 2, memoryGb: 4 },
    settings: { coldRuns: 1, warmWarmup: 1, warmRounds: 3, warmCount: 3, throughputSeconds: 1 },
    targets: [
      target('se-bare', { warm: { get: [50, 50, 50], post: [100, 100, 100] }, bytes: 500_000 }),
      target('se-sdk', { cold: { req: 100, get: 20, post: 30, wall: 200 } }),
      target('typical-stack', { warm: { get: [200, 200, 200], post: [150, 150, 150] } }),
      // Production: wall 1.25× (met), require + first 1.6× (missed by 0.10); warm GET 2.0× SE
      // bare and 0.5× typical (met); POST 1.6× SE bare (met), 1.067× typical (missed).
      target('project', {
        cold: { req: 180, get: 30, post: 30, wall: 250 },
        warm: { get: [90, 100, 110], post: [150, 160, 170] },
        bytes,
      }),
      // Non-production: wall 1.95× (missed by 0.65), require + first 2.0× (missed by 0.50),
      // require + first GET 1.4× (met). Warm GET: per-round ratios 2, 2, 6, median 2.0 (met),
      // though the pooled p50 (150) would be 3×; POST 2.5× SE bare and 1.67× typical (missed).
      ...(withDev
        ? [
            target('project-dev', {
              cold: { req: 140, get: 28, post: 132, wall: 390 },
              warm: { get: [100, 100, 300], post: [250, 250, 250], getP50: 150 },
            }),
          ]
        : []),
    ],
  };
}

const find = (all: Goal[], configuration: Goal['configuration'], start: string) => {
  const g = all.find((x) => x.configuration === configuration && x.name.startsWith(start));
  if (!g) throw new Error(`no ${configuration} goal starting "${start}"`);
  return g;
};

describe('npm run bench: the goals (bench/lib/report.ts)', () => {
  it("holds the issue's limits, per configuration", () => {
    expect(LIMITS).toEqual({
      coldWall: 1.3,
      coldRequireFirst: 1.5,
      warmVsSeBare: 2.0,
      warmVsTypicalStack: 1.0,
      bundleBytes: 1_300_000,
    });
    const all = goals(synthetic());
    const summary = (configuration: Goal['configuration']) =>
      all
        .filter((g) => g.configuration === configuration)
        .map((g) => [g.target, g.name, g.limit, g.unit]);
    expect(summary('production')).toEqual([
      ['project', 'Cold, process wall ≤ 1.3× SE+SDK', 1.3, '×'],
      ['project', 'Cold, require + first GET + first POST ≤ 1.5× SE+SDK', 1.5, '×'],
      ['project', 'Warm p50 GET ≤ 2.0× SE bare (median of per-round ratios)', 2, '×'],
      ['project', 'Warm p50 POST ≤ 2.0× SE bare (median of per-round ratios)', 2, '×'],
      ['project', 'Warm p50 GET ≤ 1.0× typical stack (median of per-round ratios)', 1, '×'],
      ['project', 'Warm p50 POST ≤ 1.0× typical stack (median of per-round ratios)', 1, '×'],
      [
        'project',
        'Bundle ≤ 1,300,000 bytes minified, AWS SDK bundled (dist/lambda.js, both configurations)',
        1_300_000,
        'bytes',
      ],
    ]);
    expect(summary('non-production')).toEqual([
      ['project-dev', 'Cold, process wall ≤ 1.3× SE+SDK', 1.3, '×'],
      ['project-dev', 'Cold, require + first GET + first POST ≤ 1.5× SE+SDK', 1.5, '×'],
      [
        'project-dev',
        "Cold, require + first GET ≤ 1.5× SE+SDK (the independent harness's cold)",
        1.5,
        '×',
      ],
      ['project-dev', 'Warm p50 GET ≤ 2.0× SE bare (median of per-round ratios)', 2, '×'],
      ['project-dev', 'Warm p50 POST ≤ 2.0× SE bare (median of per-round ratios)', 2, '×'],
      ['project-dev', 'Warm p50 GET ≤ 1.0× typical stack (median of per-round ratios)', 1, '×'],
      ['project-dev', 'Warm p50 POST ≤ 1.0× typical stack (median of per-round ratios)', 1, '×'],
    ]);
  });

  it('judges production: measured ratio, verdict, and by how much a goal is missed', () => {
    const all = goals(synthetic());
    const p = (start: string) => find(all, 'production', start);
    expect(p('Cold, process wall')).toMatchObject({ actual: 1.25, verdict: 'met' });
    expect(p('Cold, process wall').missedBy).toBeUndefined();
    const cold = p('Cold, require + first GET + first POST');
    expect(cold.actual).toBeCloseTo(1.6);
    expect(cold.verdict).toBe('missed');
    expect(cold.missedBy).toBeCloseTo(0.1);
    expect(p('Warm p50 GET ≤ 2.0× SE bare')).toMatchObject({ actual: 2, verdict: 'met' });
    expect(p('Warm p50 POST ≤ 2.0× SE bare').actual).toBeCloseTo(1.6);
    expect(p('Warm p50 GET ≤ 1.0× typical')).toMatchObject({ actual: 0.5, verdict: 'met' });
    const post = p('Warm p50 POST ≤ 1.0× typical');
    expect(post.verdict).toBe('missed');
    expect(post.missedBy).toBeCloseTo(160 / 150 - 1);
    expect(p('Bundle')).toMatchObject({ actual: 1_242_956, verdict: 'met' });

    const heavy = find(goals(synthetic({ bytes: 1_342_000 })), 'production', 'Bundle');
    expect(heavy).toMatchObject({ actual: 1_342_000, verdict: 'missed', missedBy: 42_000 });
  });

  it('judges non-production, with require + first GET (the harness) beside the bench cold', () => {
    const all = goals(synthetic());
    const d = (start: string) => find(all, 'non-production', start);
    expect(d('Cold, process wall')).toMatchObject({ actual: 1.95, verdict: 'missed' });
    expect(d('Cold, process wall').missedBy).toBeCloseTo(0.65);
    expect(d('Cold, require + first GET + first POST').actual).toBeCloseTo(2);
    expect(d('Cold, require + first GET + first POST').missedBy).toBeCloseTo(0.5);
    const harness = d('Cold, require + first GET ≤');
    expect(harness.actual).toBeCloseTo(1.4);
    expect(harness.verdict).toBe('met');
    // The median of per-round ratios (2, 2, 6), not the ratio of pooled p50s (150 / 50).
    expect(d('Warm p50 GET ≤ 2.0× SE bare')).toMatchObject({ actual: 2, verdict: 'met' });
    expect(d('Warm p50 POST ≤ 2.0× SE bare')).toMatchObject({ actual: 2.5, missedBy: 0.5 });
    expect(d('Warm p50 GET ≤ 1.0× typical')).toMatchObject({ actual: 0.5, verdict: 'met' });
    expect(d('Warm p50 POST ≤ 1.0× typical').missedBy).toBeCloseTo(250 / 150 - 1);
    expect(all.filter((g) => g.configuration === 'non-production' && g.unit === 'bytes')).toEqual(
      [],
    );
  });

  it('says "not measured" for a configuration the results lack', () => {
    const dev = goals(synthetic({ withDev: false })).filter(
      (g) => g.configuration === 'non-production',
    );
    expect(dev).toHaveLength(7);
    for (const g of dev) expect(g).toMatchObject({ actual: undefined, verdict: 'not measured' });
  });

  it('renders both configurations: a goals table each, misses with their margin', () => {
    const md = renderMarkdown(synthetic({ bytes: 1_342_000 }));
    const production = md.indexOf('### Production (`project`');
    const nonProduction = md.indexOf('### Non-production (`project-dev`');
    const cold = md.indexOf('## Cold start');
    expect(production).toBeGreaterThan(0);
    expect(nonProduction).toBeGreaterThan(production);
    expect(cold).toBeGreaterThan(nonProduction);
    const productionTable = md.slice(production, nonProduction);
    const nonProductionTable = md.slice(nonProduction, cold);
    expect(productionTable).toContain('| Cold, process wall ≤ 1.3× SE+SDK | 1.25× | met |');
    expect(productionTable).toContain(
      '| Cold, require + first GET + first POST ≤ 1.5× SE+SDK | 1.60× | **missed by 0.10×** |',
    );
    expect(productionTable).toContain('| 1,342,000 bytes | **missed by 42,000 bytes** |');
    expect(nonProductionTable).toContain(
      "| Cold, require + first GET ≤ 1.5× SE+SDK (the independent harness's cold) | 1.40× | met |",
    );
    expect(nonProductionTable).toContain(
      '| Warm p50 POST ≤ 2.0× SE bare (median of per-round ratios) | 2.50× | **missed by 0.50×** |',
    );
    expect(nonProductionTable).not.toContain('Bundle');
    // Both configurations in the cold, warm and cost tables, labelled as such.
    const rows = (label: string) => md.split('\n').filter((l) => l.startsWith(`| **${label}**`));
    expect(rows('project')).toHaveLength(2); // cold and warm (no cost in the synthetic results)
    expect(rows('project-dev')).toHaveLength(2);
    expect(md).toContain('require + first GET ms');
  });
});

describe('npm run bench: where the report goes and how it is written (bench/lib/report.ts)', () => {
  it('a full run writes the committed bench/results.md; a quick run never does', () => {
    expect(reportFiles(BENCH, false)).toEqual({
      markdown: path.join(BENCH, 'results.md'),
      json: path.join(BENCH, 'results.json'),
    });
    const quick = reportFiles(BENCH, true);
    expect(quick.markdown).toBe(path.join(BENCH, '.build', 'quick', 'results.md'));
    expect(quick.json).toBe(path.join(BENCH, '.build', 'quick', 'results.json'));
  });

  it('a quick run says the path it really writes', () => {
    const dir = '/some/bench';
    expect(reportMessage(reportFiles(dir, true), true, dir)).toBe(
      `writing ${path.join('.build', 'quick', 'results.md')} and ` +
        `${path.join('.build', 'quick', 'results.json')} ` +
        '(quick mode: the committed bench/results.md is left as it is)',
    );
    expect(reportMessage(reportFiles(dir, false), false, dir)).toBe(
      'writing results.md and results.json',
    );
  });

  it('writes results.md and results.json there, already formatted as prettier wants', async () => {
    // Under bench/ so that the repository's prettier config applies; bench/.build is ignored by
    // git and by `prettier --check .`, hence --ignore-path below. writeReport runs in a tsx
    // child: prettier's API loads its ESM core by dynamic import, which Jest's CJS runtime lacks.
    mkdirSync(path.join(BENCH, '.build'), { recursive: true });
    const dir = mkdtempSync(path.join(BENCH, '.build', 'report-test-'));
    try {
      const input = path.join(dir, 'input.json');
      writeFileSync(input, JSON.stringify(synthetic({ bytes: 1_342_000 })));
      const quick = reportFiles(dir, true);
      const full = reportFiles(path.join(dir, 'full'), false);
      const script = `
        import { readFileSync } from 'node:fs';
        import { reportFiles, writeReport } from './bench/lib/report';
        const results = JSON.parse(readFileSync(${JSON.stringify(input)}, 'utf8'));
        (async () => {
          await writeReport({ ...results, quick: true }, reportFiles(${JSON.stringify(dir)}, true));
          await writeReport({ ...results, quick: false }, ${JSON.stringify(full)});
        })().catch((err) => { console.error(err); process.exit(1); });
      `;
      const written = await runCommand(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [
        '-e',
        script,
      ]);
      expect(written.stderr).toBe('');
      expect(written.code).toBe(0);

      const files = [quick.markdown, quick.json, full.markdown, full.json];
      for (const file of files) expect(existsSync(file)).toBe(true);
      expect(existsSync(path.join(dir, 'results.md'))).toBe(false);
      expect(existsSync(path.join(dir, 'results.json'))).toBe(false);

      const check = await runCommand(path.join(ROOT, 'node_modules', '.bin', 'prettier'), [
        '--check',
        '--ignore-path',
        '/dev/null',
        ...files,
      ]);
      expect(check.stdout + check.stderr).toContain('All matched files use Prettier code style!');
      expect(check.code).toBe(0);

      // Formatted, not as rendered: the tables are aligned; the JSON carries the goals.
      const md = readFileSync(quick.markdown, 'utf8');
      expect(md).not.toBe(renderMarkdown({ ...synthetic({ bytes: 1_342_000 }), quick: true }));
      expect(md).toMatch(/^\| goal {2,}\| measured {2,}\| verdict/m);
      const json = JSON.parse(readFileSync(quick.json, 'utf8')) as { goals: Goal[] };
      expect(json.goals.map((g) => g.configuration)).toEqual([
        ...Array<string>(7).fill('production'),
        ...Array<string>(7).fill('non-production'),
      ]);
      // A full run appends bench/history.md, formatted with the rest.
      if (existsSync(path.join(BENCH, 'history.md')))
        expect(readFileSync(full.markdown, 'utf8').length).toBeGreaterThan(md.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
