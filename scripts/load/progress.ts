/** The per-second progress line on stderr while the load runs. */
import type autocannon from 'autocannon';
import { fmt } from './format';
import type { RunState } from './run-state';

export function reportProgress(
  instance: autocannon.Instance,
  run: RunState,
  durationS: number,
): void {
  // autocannon ticks once a second (and once more when it stops).
  const started = Date.now();
  let lastAt = started;
  let lastResponses = 0;
  instance.on('tick', () => {
    const now = Date.now();
    // The extra tick autocannon sends when it stops would show a rate over a sliver of time.
    if (now - lastAt < 500) return;
    const rps = ((run.responses - lastResponses) * 1000) / Math.max(1, now - lastAt);
    lastAt = now;
    lastResponses = run.responses;
    const elapsed = Math.round((now - started) / 1000);
    process.stderr.write(
      `[${String(elapsed).padStart(3)}s/${durationS}s] ` +
        `${fmt(run.responses)} requests  ${fmt(rps)} req/s  ` +
        `non-2xx ${fmt(run.non2xx)} (5xx ${fmt(run.status5xx)})  ` +
        `errors ${fmt(run.transportErrors)}  items ${fmt(run.ledger.length)}\n`,
    );
  });
}
