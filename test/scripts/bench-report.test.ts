import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportFiles, reportMessage, writeReport } from '../../bench/lib/report';
import type { BenchResults } from '../../bench/lib/results';

const BENCH = path.resolve(__dirname, '..', '..', 'bench');

describe('npm run bench: where the report goes (bench/lib/report.ts)', () => {
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
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
    try {
      // The committed results as input, marked quick: written where the message says, only there.
      const results = {
        ...(JSON.parse(readFileSync(path.join(BENCH, 'results.json'), 'utf8')) as BenchResults),
        quick: true,
      };
      const files = reportFiles(dir, true);
      const message = reportMessage(files, true, dir);
      writeReport(results, files);
      expect(message).toBe(
        `writing ${path.join('.build', 'quick', 'results.md')} and ` +
          `${path.join('.build', 'quick', 'results.json')} ` +
          '(quick mode: the committed bench/results.md is left as it is)',
      );
      expect(existsSync(path.join(dir, '.build', 'quick', 'results.md'))).toBe(true);
      expect(existsSync(path.join(dir, '.build', 'quick', 'results.json'))).toBe(true);
      expect(existsSync(path.join(dir, 'results.md'))).toBe(false);
      expect(existsSync(path.join(dir, 'results.json'))).toBe(false);
      expect(reportMessage(reportFiles(dir, false), false, dir)).toBe(
        'writing results.md and results.json',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
