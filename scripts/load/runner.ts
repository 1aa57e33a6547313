/**
 * The load itself: autocannon with one Connection per client, a progress line, and ^C to stop
 * early (the lost-writes check still runs).
 */
import autocannon from 'autocannon';
import { Connection } from './connection';
import { REQUEST_TIMEOUT_S } from './http';
import type { LoadOptions } from './options';
import { reportProgress } from './progress';
import type { RunState } from './run-state';

export function runLoad(
  options: LoadOptions,
  run: RunState,
): Promise<{ result: autocannon.Result; interrupted: boolean }> {
  const connections: Connection[] = [];
  let interrupted = false;
  let stop: (() => void) | undefined;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(
      '\ninterrupted: stopping the load, then checking writes (^C again quits)\n',
    );
    stop?.();
  };
  process.on('SIGINT', onSigint);

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: run.baseUrl.origin,
        connections: options.connections,
        duration: options.durationS,
        pipelining: 1,
        timeout: REQUEST_TIMEOUT_S,
        setupClient: (client) => {
          const conn = new Connection(connections.length, run);
          connections.push(conn);
          client.setRequests([
            {
              setupRequest: (request) => conn.next(request),
              onResponse: (status, body, _context, headers) =>
                conn.onResponse(status, body, headers),
            },
          ]);
          client.on('response', (_status, _bytes, responseTime) => conn.onLatency(responseTime));
        },
      },
      (err, result) => {
        process.off('SIGINT', onSigint);
        for (const c of connections) c.finish();
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve({ result, interrupted });
      },
    );
    stop = () => instance.stop();
    instance.on('reqError', () => run.transportErrors++);
    reportProgress(instance, run, options.durationS);
  });
}
