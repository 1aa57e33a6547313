import {
  IncomingMessage,
  ServerResponse,
  type OutgoingHttpHeaders,
  type RequestListener,
} from 'node:http';
import { Duplex } from 'node:stream';
import type { NodeRequestValues } from './event-request';
import type { LambdaResponseStream } from './response-stream';

/** How a streamed response ended. */
export type StreamOutcome =
  /** The app ended the response; every byte was handed to the runtime's stream. */
  | { kind: 'finished' }
  /** The runtime's stream closed or failed first (the client went away): the app was told. */
  | { kind: 'client-gone'; error?: Error }
  /** The app gave up on a response it had started (an error after the first byte). */
  | { kind: 'abandoned'; error: Error; headSent: boolean };

/** Commits status and headers (the prelude) and returns the stream the body goes to. */
export type CommitHead = (statusCode: number, headers: OutgoingHttpHeaders) => LambdaResponseStream;

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * What the request and the response share, as they would a socket. Node's ServerResponse
 * serialises status, headers and body into socket writes; this connection drops the
 * serialised head (the values are read from the response instead) and passes body bytes on
 * to the runtime's stream, calling back only when that stream accepts more: a full Lambda
 * stream fills this one, so `res.write` returns false and the app waits for 'drain'.
 */
class LambdaConnection extends Duplex {
  readonly encrypted = true;
  constructor(readonly remoteAddress: string) {
    super({ read: () => undefined });
  }
  // Called by http internals (res.setTimeout, keep-alive tuning); a Lambda stream has none.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
}

/**
 * Node resets a response's "needs drain" flag only from its HTTP server's own socket handler,
 * which a response on this connection never meets; without the reset, `writableNeedDrain`
 * would stay true after the first full buffer (and a later `pipe` into the response would
 * wait for a 'drain' that never comes). The flag is Node's internal `kNeedDrain` symbol.
 */
function emitDrain(res: ServerResponse): void {
  if (!res.writableNeedDrain) return;
  const needDrain = Object.getOwnPropertySymbols(res).find((s) => s.description === 'kNeedDrain');
  if (needDrain) (res as unknown as Record<symbol, boolean>)[needDrain] = false;
  res.emit('drain');
}

function createRequest(values: NodeRequestValues, connection: LambdaConnection): IncomingMessage {
  // Typed as taking a net.Socket; the connection is the Duplex part of one that http uses.
  const req = new IncomingMessage(connection as never);
  req.method = values.method;
  req.url = values.path;
  req.httpVersion = '1.1';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.headers = values.headers;
  req.rawHeaders = Object.entries(values.headers).flat();
  req.complete = true;
  const body = values.body;
  req._read = () => {
    if (body) req.push(body);
    req.push(null);
  };
  return req;
}

/**
 * Serves one request with `app`, streaming the response: status and headers are committed
 * (through `commit`) when Node first writes the response's head, which is at the first body
 * write or at `end`; every later `res.write` reaches the runtime's stream as it happens.
 * Resolves once the response ended, the client went away, or the app abandoned it; never
 * rejects.
 */
export function serveStreamed(
  app: RequestListener,
  values: NodeRequestValues,
  events: LambdaResponseStream,
  commit: CommitHead,
): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const connection = new LambdaConnection(values.remoteAddress);
    const req = createRequest(values, connection);
    const res = new ServerResponse(req);
    // Raw body bytes on the connection: no chunked framing to undo, no Date header.
    res.useChunkedEncodingByDefault = false;
    res.shouldKeepAlive = false;
    res.sendDate = false;

    let out: LambdaResponseStream | undefined;
    let head: Buffer | undefined = Buffer.alloc(0); // the serialised head so far; undefined once passed
    let waiting: (() => void) | undefined;
    let outcome: StreamOutcome | undefined;

    const finish = (result: StreamOutcome) => {
      if (outcome) return;
      outcome = result;
      events.removeListener('drain', onDrain);
      events.removeListener('close', onClose);
      events.removeListener('error', onError);
      if (!connection.destroyed) connection.destroy();
      resolve(result);
    };
    const onDrain = () => {
      const resume = waiting;
      waiting = undefined;
      resume?.();
    };
    // The runtime's stream ending before the response did: the client is gone. Destroying
    // the connection closes `res` (its 'close' event), which tells the app to stop.
    const clientGone = (error?: Error) => {
      if (outcome || res.writableFinished) return;
      finish({ kind: 'client-gone', error });
    };
    const onClose = () => clientGone();
    const onError = (error: Error) => clientGone(error);
    events.on('drain', onDrain);
    events.on('close', onClose);
    events.on('error', onError);

    const forward = (chunk: Buffer, callback: (error?: Error | null) => void) => {
      if (chunk.length === 0 || !out) return callback();
      try {
        if (out.write(chunk)) callback();
        else waiting = () => callback();
      } catch (error) {
        callback(error as Error);
      }
    };

    connection._write = (chunk: Buffer, _encoding, callback) => {
      if (head === undefined) return forward(chunk, callback);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end === -1) return callback();
      const rest = head.subarray(end + HEAD_END.length);
      if (!res.headersSent) {
        // An informational head (103 Early Hints, 100 Continue): not part of the response.
        head = Buffer.alloc(0);
        return connection._write(rest, _encoding, callback);
      }
      head = undefined;
      try {
        out = commit(res.statusCode, res.getHeaders());
        // The runtime writes the prelude on the first write, even an empty one: a response
        // with no body (204, 304, HEAD) is committed here.
        out.write('');
      } catch (error) {
        return callback(error as Error);
      }
      forward(rest, callback);
    };
    connection._destroy = (error, callback) => {
      callback(null); // handled here: never an unhandled 'error' event on the connection
      if (res.writableFinished) return finish({ kind: 'finished' });
      finish({
        kind: 'abandoned',
        error: error ?? new Error('the response was abandoned before it ended'),
        headSent: out !== undefined,
      });
    };
    connection.on('drain', () => emitDrain(res));
    res.assignSocket(connection as never); // as for the request: the Duplex part of a socket
    // 'finish' follows the last socket write, and `end()` always writes the head: `out` is set.
    res.on('finish', () => out?.end(() => finish({ kind: 'finished' })));

    try {
      app(req, res);
    } catch (error) {
      res.destroy(error as Error);
    }
  });
}
