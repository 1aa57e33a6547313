/** The summary printed on stdout after the run, and the pass/fail verdict behind the exit status. */
import type autocannon from 'autocannon';
import { fmt, ms } from './format';
import { basePath } from './http';
import { OPS, type OpLabel } from './mix';
import type { LoadOptions } from './options';
import type { RunState } from './run-state';
import type { Verification } from './verify';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ] as number;
}

export function summarize(
  options: LoadOptions,
  run: RunState,
  result: autocannon.Result,
  v: Verification,
  interrupted: boolean,
): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  const out = (label: string, text: string) => lines.push(`  ${label.padEnd(16)}${text}`);
  const total = result.requests.total;
  const all = [...run.ops.values()].flatMap((s) => s.latenciesMs).sort((a, b) => a - b);
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, s]) => [Number(code), s.count ?? 0] as const)
    .sort(([a], [b]) => a - b);
  const mixText = OPS.filter((op) => options.mix[op] > 0)
    .map((op) => `${op}=${options.mix[op]}`)
    .join(',');

  lines.push(
    `Load summary: ${run.baseUrl.origin}${basePath(run.baseUrl)}, ${options.connections} connections, ` +
      `${result.duration} s${interrupted ? ' (interrupted)' : ''}, mix ${mixText}`,
  );
  out(
    'requests',
    `${fmt(total)} in ${result.duration} s = ${fmt(total / result.duration)} req/s ` +
      `(transport errors ${fmt(result.errors)}, timeouts ${fmt(result.timeouts)})`,
  );
  out(
    'statuses',
    `2xx ${fmt(result['2xx'])}  3xx ${fmt(result['3xx'])}  4xx ${fmt(result['4xx'])}  5xx ${fmt(result['5xx'])}` +
      `   [${codes.map(([c, n]) => `${c}: ${fmt(n)}`).join(', ')}]`,
  );
  out(
    'latency (ms)',
    `p50 ${ms(percentile(all, 50))}  p90 ${ms(percentile(all, 90))}  p99 ${ms(percentile(all, 99))}  max ${ms(all[all.length - 1] ?? NaN)}`,
  );
  out('per operation', 'op         count    req/s   non-2xx     p50     p99   statuses');
  for (const op of [...OPS, 'refresh'] as OpLabel[]) {
    const s = run.ops.get(op);
    if (!s) continue;
    const lat = [...s.latenciesMs].sort((a, b) => a - b);
    const non2xx = [...s.statuses]
      .filter(([c]) => c < 200 || c >= 300)
      .reduce((a, [, n]) => a + n, 0);
    const statuses = [...s.statuses]
      .sort(([a], [b]) => a - b)
      .map(([c, n]) => `${c}×${fmt(n)}`)
      .join(' ');
    out(
      '',
      `${op.padEnd(8)} ${fmt(s.count).padStart(7)} ${fmt(s.count / result.duration).padStart(8)} ` +
        `${fmt(non2xx).padStart(9)} ${ms(percentile(lat, 50)).padStart(7)} ${ms(percentile(lat, 99)).padStart(7)}   ${statuses}`,
    );
  }
  for (const [kind, a] of run.anomalies) {
    out('unexpected', `${fmt(a.count)} × ${kind} (e.g. ${a.example})`);
  }
  if (run.anomalies.has('auth refused (401/403)')) {
    out(
      '',
      'writes need Authorization: Bearer <token> with scope items:write (--token or API_TOKEN)',
    );
  }
  if (run.anomalies.has('rate limited (429)')) {
    out(
      '',
      'the server rate-limited the run; restart it with RATE_LIMIT_MAX=1000000000 for load runs',
    );
  }

  const deletedCount = run.ledger.filter((t) => t.state === 'deleted').length;
  out('items', `${fmt(run.ledger.length)} created, ${fmt(deletedCount)} deleted`);
  const { 'cut off': cutOff, 'no answer': noAnswer } = run.settledCreates;
  if (cutOff + noAnswer > 0) {
    const causes = [
      cutOff ? `${fmt(cutOff)} in flight when the run stopped` : '',
      noAnswer ? `${fmt(noAnswer)} reset, timed out or answered 5xx` : '',
    ].filter(Boolean);
    out(
      '',
      `of which ${fmt(cutOff + noAnswer)} creates had no answer during the run (${causes.join(', ')}), ` +
        'settled afterwards by replaying their Idempotency-Key',
    );
  }
  if (run.unknownCreates > 0) {
    out(
      '',
      `and ${fmt(run.unknownCreates)} creates with unknown outcome: no usable answer, even to a replay ` +
        'with their Idempotency-Key; they may exist on the server and are not checked',
    );
  }
  const findings = [...run.etagFindings.values()];
  const stale = findings.filter((f) => f.kind === 'lost').map((f) => f.detail);
  const foreign = findings.filter((f) => f.kind === 'foreign').map((f) => f.detail);
  const lostIds = new Set([
    ...v.missing,
    ...v.resurrected,
    ...[...run.etagFindings].filter(([, f]) => f.kind === 'lost').map(([id]) => id),
  ]);
  const lost = lostIds.size;
  out('lost writes', fmt(lost));
  out(
    '',
    `read back ${fmt(v.checked)} of ${fmt(run.ledger.length)}: ${fmt(v.live)} live ` +
      `(${fmt(v.missing.length)} missing, ${fmt(stale.length)} with an older ETag than acknowledged` +
      `${v.etagUnchecked ? `, ETag not compared for ${fmt(v.etagUnchecked)} after a write of unknown outcome` : ''}), ` +
      `${fmt(v.deleted)} deleted (${fmt(v.resurrected.length)} readable again)` +
      (v.inDoubt ? `, ${fmt(v.inDoubt)} with a delete of unknown outcome (either is fine)` : ''),
  );
  for (const line of [
    ...v.missing.map((id) => `missing ${id}`),
    ...stale,
    ...v.resurrected.map((id) => `deleted but readable ${id}`),
  ].slice(0, 10)) {
    out('', line);
  }
  if (foreign.length) {
    out(
      'foreign writes',
      `${fmt(foreign.length)} items this run owns were changed by another client ` +
        `(newer ETag), so the check cannot vouch for them (e.g. ${foreign[0]})`,
    );
  }
  if (v.failed.length || v.unverified) {
    out(
      'check failed',
      `${fmt(v.failed.length)} reads failed, ${fmt(v.unverified)} not read before the deadline` +
        (v.failed[0] ? ` (e.g. ${v.failed[0]})` : ''),
    );
  }

  const problems: string[] = [];
  if (lost > 0) problems.push(`${fmt(lost)} lost writes`);
  if (foreign.length) problems.push(`${fmt(foreign.length)} items changed by another client`);
  if (run.status5xx > 0) problems.push(`${fmt(run.status5xx)} 5xx responses`);
  if (v.failed.length || v.unverified) problems.push('the lost-writes check did not finish');
  out('result', problems.length ? `FAIL: ${problems.join(', ')}` : 'OK (lost writes = 0, no 5xx)');
  return { lines, ok: problems.length === 0 };
}
