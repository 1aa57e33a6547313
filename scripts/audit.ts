/**
 * `npm run audit`: `npm audit --omit=dev --audit-level=high` with reviewed exceptions.
 * Fails on any high or critical advisory affecting production dependencies unless it is
 * listed in audit-exceptions.json with a reason (and an expiry date, after which it fails
 * again). When the registry's advisory endpoint cannot be reached (offline, or a mirror that
 * does not implement it) it says so loudly and fails only if AUDIT_REQUIRED=1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Exception {
  /** GHSA id or advisory URL of the finding. */
  advisory: string;
  package: string;
  reason: string;
  /** ISO date; the exception stops applying after it. */
  expires: string;
}

interface AuditVia {
  source?: number;
  url?: string;
  severity?: string;
  title?: string;
}

interface AuditReport {
  vulnerabilities?: Record<string, { severity: string; via: (AuditVia | string)[] }>;
  error?: { code?: string; summary?: string };
  /** What npm prints instead of a report when the advisory endpoint fails. */
  message?: string;
}

const ROOT = path.resolve(__dirname, '..');
const HIGH = new Set(['high', 'critical']);

function main(): number {
  const exceptions = JSON.parse(
    readFileSync(path.join(ROOT, 'audit-exceptions.json'), 'utf8'),
  ) as Exception[];
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  let report: AuditReport;
  try {
    report = JSON.parse(run.stdout) as AuditReport;
  } catch {
    report = { error: { summary: run.stderr.trim().split('\n').pop() } };
  }
  if (report.error || !report.vulnerabilities) {
    const why = report.error?.summary || report.message || 'no report';
    console.error(`npm audit could not run: ${why}`);
    console.error('  (the advisory database is unreachable from here; nothing was checked)');
    return process.env.AUDIT_REQUIRED === '1' ? 1 : 0;
  }
  const today = new Date().toISOString().slice(0, 10);
  const failures: string[] = [];
  for (const [name, vuln] of Object.entries(report.vulnerabilities)) {
    if (!HIGH.has(vuln.severity)) continue;
    for (const via of vuln.via) {
      if (typeof via === 'string') continue; // reached through another package, reported there
      const excepted = exceptions.find(
        (e) => e.package === name && via.url?.includes(e.advisory) && e.expires >= today,
      );
      const line = `${vuln.severity} ${name}: ${via.title ?? ''} ${via.url ?? ''}`;
      if (excepted) console.log(`excepted  ${line}\n          reason: ${excepted.reason}`);
      else failures.push(line);
    }
  }
  for (const line of failures) console.error(`FAIL      ${line}`);
  console.log(
    failures.length === 0
      ? 'npm audit: no high or critical advisories in production dependencies'
      : `npm audit: ${failures.length} unexcepted high/critical advisories`,
  );
  return failures.length === 0 ? 0 : 1;
}

process.exit(main());
