/**
 * A stand-in for the Node.js Lambda runtime's response streaming, and for the front door that
 * reads the stream (a Function URL in RESPONSE_STREAM mode, API Gateway REST in STREAM mode),
 * for tests and `npm run dev:lambda -- --stream`.
 *
 * The runtime half follows the published runtime interface client,
 * aws/aws-lambda-nodejs-runtime-interface-client (src/UserFunction.js, src/HttpResponseStream.js,
 * src/ResponseStream.js, src/Runtime.js):
 * - `streamifyResponse(handler)` sets `Symbol.for('aws.lambda.runtime.handler.streaming')` to
 *   'response' on the handler and returns it; the handler is called `(event, stream, context)`;
 * - the stream's content type is `application/octet-stream` until `setContentType`, which
 *   throws once a write has happened ('Cannot set content-type, too late.');
 * - `HttpResponseStream.from(stream, prelude)` sets the content type
 *   `application/vnd.awslambda.http-integration-response` and, on the first `write` (only a
 *   write: `end(chunk)` bypasses it there, so it is refused here), writes `JSON.stringify(prelude)`
 *   and then 8 NUL bytes; it returns the same stream;
 * - `write` returns false once the stream's buffer is full ('drain' follows);
 * - a handler that rejects, or resolves leaving the stream unfinished, fails the invocation:
 *   the runtime ends the stream with the trailers `Lambda-Runtime-Function-Error-Type` and
 *   `Lambda-Runtime-Function-Error-Body` (the error as base64 JSON).
 *
 * The front-door half splits the bytes the way the gateway does: the prelude up to the
 * delimiter, then the body, as it arrives.
 */
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type {
  HttpResponsePrelude,
  LambdaResponseStream,
  LambdaStreamingRuntime,
  StreamingLambdaHandler,
} from '../../lambda-adapter';

export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');

type RawWrite = (chunk: Buffer) => void;

export interface StandInStreamOptions {
  /** Bytes the stream buffers before `write` returns false (the runtime's socket: 16 KiB). */
  highWaterMark?: number;
  /** Where accepted bytes go; calls back when it can take more (default: at once). */
  sink?: (chunk: Buffer, done: () => void) => void;
}

/** The stream handed to a streaming handler, recording every byte in order. */
export class StandInResponseStream extends Writable implements LambdaResponseStream {
  contentType = 'application/octet-stream';
  /** Each write as it reached the stream (prelude and delimiter included), in order. */
  readonly writes: Buffer[] = [];
  /** Set by HttpResponseStream.from: runs before the first write. */
  onBeforeFirstWrite?: (write: RawWrite) => void;
  private started = false;

  constructor(private readonly options: StandInStreamOptions = {}) {
    super({ highWaterMark: options.highWaterMark ?? 16_384, decodeStrings: true });
  }

  setContentType(contentType: string): void {
    if (this.started) throw new Error('Cannot set content-type, too late.');
    this.contentType = contentType;
  }

  override write(
    chunk: Uint8Array | string,
    encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void,
  ): boolean {
    if (!this.started) {
      this.started = true;
      this.onBeforeFirstWrite?.((raw) => super.write(raw));
    }
    if (typeof encodingOrCallback === 'function') return super.write(chunk, encodingOrCallback);
    return super.write(chunk, encodingOrCallback ?? 'utf8', callback);
  }

  override end(...args: unknown[]): this {
    if (args.length > 0 && typeof args[0] !== 'function') {
      throw new Error('end(chunk) skips the prelude in the Lambda runtime: write, then end()');
    }
    this.started = true;
    return super.end(args[0] as (() => void) | undefined);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    if (chunk.length === 0) return callback(); // no bytes on the wire
    this.writes.push(chunk);
    if (this.options.sink) this.options.sink(chunk, callback);
    else callback();
  }
}

/** The `awslambda` global as the runtime defines it. */
export const standInRuntime: LambdaStreamingRuntime = {
  streamifyResponse(handler) {
    (handler as unknown as Record<symbol, string>)[STREAMING] = 'response';
    return handler;
  },
  HttpResponseStream: {
    from(stream: LambdaResponseStream, prelude: HttpResponsePrelude) {
      stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
      const json = JSON.stringify(prelude);
      (stream as StandInResponseStream).onBeforeFirstWrite = (write) => {
        write(Buffer.from(json));
        write(DELIMITER);
      };
      return stream;
    },
  },
};

export function isStreamingHandler(handler: unknown): boolean {
  return (handler as Record<symbol, unknown>)[STREAMING] === 'response';
}

export interface StreamedInvocation {
  contentType: string;
  /** The stream's bytes, whole. */
  raw: Buffer;
  /** The stream's writes, in order. */
  writes: Buffer[];
  /** Set when the invocation failed: the runtime's error trailers. */
  errorTrailers?: { 'Lambda-Runtime-Function-Error-Type': string; error: unknown };
}

function errorTrailers(error: unknown): StreamedInvocation['errorTrailers'] {
  const e = error instanceof Error ? error : new Error(String(error));
  // The runtime sends the body base64-encoded; this is it decoded.
  return {
    'Lambda-Runtime-Function-Error-Type': e.name,
    error: { errorType: e.name, errorMessage: e.message },
  };
}

/**
 * Invokes a streaming handler as the runtime does (Runtime.handleOnceStreaming): awaits it,
 * then waits for the stream to finish; a rejection, or a resolved handler whose stream never
 * finishes, fails the invocation (error trailers, the stream ended).
 */
export async function invokeStreaming(
  handler: StreamingLambdaHandler,
  event: unknown,
  context: Parameters<StreamingLambdaHandler>[2],
  stream: StandInResponseStream = new StandInResponseStream(),
): Promise<StreamedInvocation> {
  let failure: unknown;
  try {
    await handler(event, stream, context);
    if (!stream.writableFinished && !stream.destroyed) {
      await new Promise<void>((resolve) => stream.once('finish', resolve));
    }
  } catch (error) {
    failure = error;
  }
  if (failure !== undefined && !stream.writableEnded && !stream.destroyed) {
    await new Promise<void>((resolve) => stream.end(resolve));
  }
  return {
    contentType: stream.contentType,
    raw: Buffer.concat(stream.writes),
    writes: stream.writes,
    ...(failure === undefined ? {} : { errorTrailers: errorTrailers(failure) }),
  };
}

/** What the front door reads: the prelude, then the body. */
export interface DecodedStream {
  prelude: HttpResponsePrelude;
  body: Buffer;
}

/** Splits an HTTP integration response as API Gateway and Function URLs do. */
export function decodeHttpStream(raw: Buffer, contentType: string): DecodedStream {
  if (contentType !== HTTP_INTEGRATION_CONTENT_TYPE) {
    throw new Error(`not an HTTP integration response: content type ${contentType}`);
  }
  const at = raw.indexOf(DELIMITER);
  if (at === -1) throw new Error('no prelude delimiter (8 NUL bytes) in the stream');
  return {
    prelude: JSON.parse(raw.subarray(0, at).toString('utf8')) as HttpResponsePrelude,
    body: raw.subarray(at + DELIMITER.length),
  };
}

/**
 * Headers as a client sees them, lower-cased and joined, from the three places a Lambda result
 * or a streaming prelude can hold them.
 */
export function preludeHeaders(
  prelude: Pick<HttpResponsePrelude, 'headers' | 'multiValueHeaders' | 'cookies'>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(prelude.headers ?? {})) headers[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(prelude.multiValueHeaders ?? {}))
    headers[k.toLowerCase()] = v.join(', ');
  if (prelude.cookies?.length) headers['set-cookie'] = prelude.cookies.join(', ');
  return headers;
}

/** Status, headers and cookies of a Lambda result or a streaming prelude, onto `res`. */
export function setResponseHead(res: ServerResponse, head: HttpResponsePrelude): void {
  res.statusCode = head.statusCode;
  for (const [k, v] of Object.entries(head.headers ?? {})) res.setHeader(k, v);
  for (const [k, v] of Object.entries(head.multiValueHeaders ?? {})) res.setHeader(k, v);
  if (head.cookies?.length) res.setHeader('set-cookie', head.cookies);
}

/**
 * A front door on a real HTTP response: status and headers when the prelude is complete, each
 * body chunk written as it arrives, backpressure passed back (the stream's write waits for the
 * client's 'drain'), and a client that goes away destroys the stream as a broken connection
 * would. The returned stream is handed to the streaming handler.
 */
export function streamToHttp(res: ServerResponse): StandInResponseStream {
  let head: Buffer | undefined = Buffer.alloc(0);
  const stream: StandInResponseStream = new StandInResponseStream({
    sink: (chunk, done) => {
      let body = chunk;
      if (head !== undefined) {
        if (stream.contentType !== HTTP_INTEGRATION_CONTENT_TYPE) {
          // A handler that wrote without a prelude: the front door would fail; show it plainly.
          head = undefined;
          res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        } else {
          head = Buffer.concat([head, chunk]);
          const at = head.indexOf(DELIMITER);
          if (at === -1) return done();
          const prelude = JSON.parse(head.subarray(0, at).toString('utf8')) as HttpResponsePrelude;
          body = head.subarray(at + DELIMITER.length);
          head = undefined;
          setResponseHead(res, prelude);
          res.flushHeaders();
        }
      }
      if (body.length === 0 || res.write(body)) return done();
      res.once('drain', done);
    },
  });
  res.on('close', () => {
    if (!stream.writableFinished) stream.destroy();
  });
  stream.on('finish', () => res.end());
  return stream;
}
