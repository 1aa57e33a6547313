import type { Express } from 'express';
import request from 'supertest';
import type { LambdaHandler, StreamingLambdaHandler } from '../../lambda-adapter';
import {
  decodeHttpStream,
  invokeStreaming,
  preludeHeaders,
  type StreamedInvocation,
} from './lambda-stream-runtime';
import {
  albEvent,
  functionUrlEvent,
  httpV2Event,
  lambdaContext,
  latticeEvent,
  restV1Event,
  type EventInput,
  type LambdaHttpResult,
} from './lambda-events';

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** Path plus query string, e.g. `/v1/items?limit=5`. */
  path: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON (Content-Type application/json unless given); a string as is. */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON when the response is JSON (problem+json included), else undefined. */
  body: unknown;
}

/** Sends one request to the app and returns the response. */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * The one parameter that picks how requests reach the app: in-process Express (supertest),
 * the buffered Lambda handler fed events of one front door's shape, or the streaming handler
 * (`*-stream`) through a stand-in of the runtime's response stream.
 */
export type TransportKind =
  | 'express'
  | 'rest-v1'
  | 'http-v2'
  | 'function-url'
  | 'alb'
  | 'alb-multi'
  | 'lattice'
  | 'rest-v1-stream'
  | 'function-url-stream';

export const TRANSPORT_KINDS: readonly TransportKind[] = [
  'express',
  'rest-v1',
  'http-v2',
  'function-url',
  'alb',
  'alb-multi',
  'lattice',
  'rest-v1-stream',
  'function-url-stream',
];

export type StreamingKind = Extract<TransportKind, `${string}-stream`>;

export function isStreamingKind(kind: TransportKind): kind is StreamingKind {
  return kind.endsWith('-stream');
}

/** The transport the contract suite runs through (TEST_TRANSPORT, default express). */
export function selectedTransportKind(): TransportKind {
  const kind = (process.env.TEST_TRANSPORT ?? 'express') as TransportKind;
  if (!TRANSPORT_KINDS.includes(kind)) throw new Error(`Unknown TEST_TRANSPORT ${kind}`);
  return kind;
}

function parseBody(headers: Record<string, string>, text: string): unknown {
  const type = headers['content-type'] ?? '';
  if (!/[/+]json\b/.test(type) || text === '') return undefined;
  return JSON.parse(text) as unknown;
}

/** In-process Express through supertest (a real HTTP round trip on an ephemeral port). */
export function expressTransport(app: Express): Transport {
  return async (req) => {
    const method = req.method.toLowerCase() as Lowercase<HttpRequest['method']>;
    let test = request(app)[method](req.path);
    const headers = { ...req.headers };
    const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
    if (req.body !== undefined) {
      if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) {
        test = test.send(req.body);
      } else {
        if (!hasContentType) test = test.set('Content-Type', 'application/json');
        test = test.send(JSON.stringify(req.body));
      }
    }
    // Keep the raw text for every content type; parse JSON ourselves.
    const res = await test.buffer(true).parse((response, done) => {
      let data = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (data += chunk));
      response.on('end', () => done(null, data));
    });
    const resHeaders = Object.fromEntries(
      Object.entries(res.headers as Record<string, string | string[]>).map(([k, v]) => [
        k.toLowerCase(),
        Array.isArray(v) ? v.join(', ') : v,
      ]),
    );
    const text = typeof res.body === 'string' ? res.body : '';
    return { status: res.status, headers: resHeaders, text, body: parseBody(resHeaders, text) };
  };
}

/** Request -> EventInput: what the client put on the wire. */
export function toEventInput(req: HttpRequest, extra: Partial<EventInput> = {}): EventInput {
  const [path, rawQuery] = req.path.split(/\?(.*)/s) as [string, string | undefined];
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name] = [value];
  let body: Buffer | undefined;
  if (req.body !== undefined) {
    if (typeof req.body === 'string') body = Buffer.from(req.body);
    else if (Buffer.isBuffer(req.body)) body = req.body;
    else {
      body = Buffer.from(JSON.stringify(req.body));
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = ['application/json'];
      }
    }
  }
  return { method: req.method, path, rawQuery, headers, body, ...extra };
}

export function toEvent(kind: Exclude<TransportKind, 'express'>, input: EventInput): unknown {
  switch (kind) {
    case 'rest-v1':
    case 'rest-v1-stream':
      return restV1Event(input);
    case 'http-v2':
      return httpV2Event(input);
    case 'function-url':
    case 'function-url-stream':
      return functionUrlEvent(input);
    case 'alb':
      return albEvent(input, { multiValue: false });
    case 'alb-multi':
      return albEvent(input, { multiValue: true });
    case 'lattice':
      return latticeEvent(input);
  }
}

/** A Lambda result -> HttpResponse, as the front door would put it on the wire. */
export function fromLambdaResult(result: unknown): HttpResponse & { raw: Buffer } {
  const r = result as LambdaHttpResult;
  const headers = preludeHeaders(r);
  const raw = Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8');
  const text = raw.toString('utf8');
  return { status: r.statusCode, headers, text, body: parseBody(headers, text), raw };
}

/**
 * The Lambda handler as a transport. Invocations run one at a time, as in a classic Lambda
 * container (test/build/concurrency.test.ts runs many at once, as Managed Instances do).
 */
export function lambdaTransport(
  handler: LambdaHandler,
  kind: Exclude<TransportKind, 'express'>,
  extra: Partial<EventInput> = {},
): Transport {
  let queue: Promise<unknown> = Promise.resolve();
  return (req) => {
    const run = async () =>
      fromLambdaResult(await handler(toEvent(kind, toEventInput(req, extra)), lambdaContext()));
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
}

/** A streamed invocation -> HttpResponse, as the front door would put it on the wire. */
export function fromStreamedInvocation(
  streamed: StreamedInvocation,
): HttpResponse & { raw: Buffer } {
  if (streamed.errorTrailers) {
    throw new Error(`the invocation failed: ${JSON.stringify(streamed.errorTrailers)}`);
  }
  const { prelude, body } = decodeHttpStream(streamed.raw, streamed.contentType);
  const headers = preludeHeaders(prelude);
  const text = body.toString('utf8');
  return { status: prelude.statusCode, headers, text, body: parseBody(headers, text), raw: body };
}

/** The streaming handler as a transport, one invocation at a time. */
export function streamingTransport(
  handler: StreamingLambdaHandler,
  kind: StreamingKind,
): Transport {
  let queue: Promise<unknown> = Promise.resolve();
  return (req) => {
    const run = async () =>
      fromStreamedInvocation(
        await invokeStreaming(handler, toEvent(kind, toEventInput(req)), lambdaContext()),
      );
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
}
