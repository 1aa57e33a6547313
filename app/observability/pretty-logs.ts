import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/**
 * Readable, coloured lines for `npm run dev` (server.ts, LOG_FORMAT=pretty, the development
 * default). Loaded only there, by a dynamic import: never part of the Lambda bundle, and
 * pino-pretty is a devDependency. Access lines read `GET /v1/items 200 1.2 ms {"requestId":…}`.
 */
export function prettyDestination(destination?: DestinationStream): DestinationStream {
  return pretty({
    destination, // stdout unless given (tests)
    sync: true, // in order with the start-up banner (console.log)
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'method,path,route,status,latencyMs',
    messageFormat: (log, messageKey) => {
      const msg = String(log[messageKey] ?? '');
      if (msg === 'request') {
        return `${String(log.method)} ${String(log.path)} ${String(log.status)} ${Number(log.latencyMs).toFixed(1)} ms`;
      }
      return log.method ? `${msg} (${String(log.method)} ${String(log.path)})` : msg;
    },
  });
}
