import express, { type Response } from 'express';
import {
  createLambdaHandler,
  createStreamingLambdaHandler,
  type AdapterLogger,
} from '../../lambda-adapter';
import {
  functionUrlEvent,
  httpV2Event,
  lambdaContext,
  restV1Event,
} from '../support/lambda-events';
import {
  decodeHttpStream,
  HTTP_INTEGRATION_CONTENT_TYPE,
  invokeStreaming,
  StandInResponseStream,
  standInRuntime,
} from '../support/lambda-stream-runtime';
import { fromLambdaResult } from '../support/transport';

/** Resolves when `res` can take more, or closed. */
const drained = (res: Response) =>
  new Promise<void>((resolve) => {
    res.once('drain', resolve);
    res.once('close', resolve);
  });

/** A gate a test opens: routes wait on it, so "before the handler finished" needs no clock. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

interface Logged {
  level: 'error' | 'warn';
  detail: object;
  message: string;
}

function recordingLogger(): AdapterLogger & { lines: Logged[] } {
  const lines: Logged[] = [];
  return {
    lines,
    error: (detail, message) => lines.push({ level: 'error', detail, message }),
    warn: (detail, message) => lines.push({ level: 'warn', detail, message }),
  };
}

const middle = gate();
const line = (i: number) => `${JSON.stringify({ seq: i, pad: 'x'.repeat(1000) })}\n`;
/** What the app managed to write; a paused writer stops counting. */
const progress = { written: 0, waitingForDrain: false, closedSeen: false, stoppedAt: -1 };

const app = express();
app.get('/cookies', (_req, res) => {
  res.cookie('session', 'abc', { httpOnly: true });
  res.cookie('theme', 'dark');
  res.setHeader('Vary', ['Origin', 'Accept']);
  res.status(201).json({ ok: true });
});
app.get('/empty', (_req, res) => {
  res.status(204).end();
});
app.get('/gated', async (_req, res) => {
  res.type('application/x-ndjson');
  res.write('first\n');
  await middle.opened;
  res.end('last\n');
});
/** 1,000 lines of ~1 KiB, honouring backpressure. */
app.get('/many', async (_req, res) => {
  res.type('application/x-ndjson');
  for (let i = 0; i < 1000; i++) {
    progress.written = i + 1;
    if (!res.write(line(i))) {
      progress.waitingForDrain = true;
      await drained(res);
      progress.waitingForDrain = false;
    }
  }
  res.end();
});
/** Writes until the response closes (the client went away). */
app.get('/endless', async (_req, res) => {
  res.on('close', () => (progress.closedSeen = true));
  res.type('text/plain');
  for (let i = 0; ; i++) {
    if (res.destroyed) {
      progress.stoppedAt = i;
      return;
    }
    if (!res.write(line(i))) await drained(res);
    await new Promise((resolve) => setImmediate(resolve));
  }
});
app.get('/fail-after-first-byte', (_req, res, next) => {
  res.type('text/plain');
  res.write('partial\n');
  setImmediate(() => next(new Error('the store went away mid-export')));
});
app.get('/big', (_req, res) => {
  res.type('text/plain').send('y'.repeat(4096));
});

function streamingHandler(logger = recordingLogger()) {
  return {
    logger,
    handler: createStreamingLambdaHandler(app, { logger, runtime: standInRuntime }),
  };
}

/** The body's writes after the prelude and delimiter (the first write is the prelude's). */
function bodyWrites(writes: Buffer[]): string[] {
  const delimiter = writes.findIndex((w) => w.length === 8 && w.every((b) => b === 0));
  return writes.slice(delimiter + 1).map((w) => w.toString('utf8'));
}

describe('streaming handler: the wire format', () => {
  it('Function URL: content type, JSON prelude (cookies apart), 8 NUL bytes, then the body', async () => {
    const { handler } = streamingHandler();
    const out = await invokeStreaming(
      handler,
      functionUrlEvent({ method: 'GET', path: '/cookies' }),
      lambdaContext(),
    );
    expect(out.contentType).toBe(HTTP_INTEGRATION_CONTENT_TYPE);
    const at = out.raw.indexOf(Buffer.alloc(8));
    const prelude = JSON.parse(out.raw.subarray(0, at).toString()) as Record<string, unknown>;
    expect(prelude).toEqual({
      statusCode: 201,
      headers: expect.objectContaining({
        'content-type': 'application/json; charset=utf-8',
        vary: 'Origin, Accept',
      }) as unknown,
      cookies: ['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/'],
    });
    expect((prelude.headers as Record<string, string>)['set-cookie']).toBeUndefined();
    expect(out.raw.subarray(at + 8).toString()).toBe('{"ok":true}');
  });

  it('REST (STREAM mode): headers joined, Set-Cookie in multiValueHeaders', async () => {
    const { handler } = streamingHandler();
    const out = await invokeStreaming(
      handler,
      restV1Event({ method: 'GET', path: '/cookies' }),
      lambdaContext(),
    );
    const { prelude, body } = decodeHttpStream(out.raw, out.contentType);
    expect(prelude.statusCode).toBe(201);
    expect(prelude.headers?.vary).toBe('Origin, Accept');
    expect(prelude.multiValueHeaders).toEqual({
      'set-cookie': ['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/'],
    });
    expect(prelude.cookies).toBeUndefined();
    expect(body.toString()).toBe('{"ok":true}');
  });

  it('a response with no body still sends its prelude', async () => {
    const { handler } = streamingHandler();
    const out = await invokeStreaming(
      handler,
      functionUrlEvent({ method: 'GET', path: '/empty' }),
      lambdaContext(),
    );
    const { prelude, body } = decodeHttpStream(out.raw, out.contentType);
    expect(prelude.statusCode).toBe(204);
    expect(body.length).toBe(0);
  });

  it('an event that cannot stream (HTTP API) gets the buffered result as the payload', async () => {
    const { handler } = streamingHandler();
    const out = await invokeStreaming(
      handler,
      httpV2Event({ method: 'GET', path: '/cookies' }),
      lambdaContext(),
    );
    expect(out.contentType).toBe('application/json');
    const res = fromLambdaResult(JSON.parse(out.raw.toString()));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers['set-cookie']).toContain('theme=dark');
  });

  it('a warm-up ping is answered without the app', async () => {
    const { handler } = streamingHandler();
    const out = await invokeStreaming(handler, { warmer: true }, lambdaContext());
    expect(JSON.parse(out.raw.toString())).toEqual({ warmed: true });
  });
});

describe('streaming handler: as it happens', () => {
  it('the first write reaches the stream before the handler finishes', async () => {
    const { handler } = streamingHandler();
    let firstBody: (() => void) | undefined;
    const firstArrived = new Promise<void>((resolve) => (firstBody = resolve));
    const stream = new StandInResponseStream({
      sink: (chunk, done) => {
        if (chunk.toString() === 'first\n') firstBody?.();
        done();
      },
    });
    let finished = false;
    const invocation = invokeStreaming(
      handler,
      functionUrlEvent({ method: 'GET', path: '/gated' }),
      lambdaContext(),
      stream,
    ).then((out) => {
      finished = true;
      return out;
    });
    await firstArrived;
    // The route is still waiting on the gate: the client has its first line already.
    expect(finished).toBe(false);
    middle.open();
    const out = await invocation;
    expect(bodyWrites(out.writes)).toEqual(['first\n', 'last\n']);
  });

  it('backpressure: a stalled client pauses the app; nothing is dropped or reordered', async () => {
    const { handler } = streamingHandler();
    const held: (() => void)[] = [];
    let stalled = true;
    const stream = new StandInResponseStream({
      highWaterMark: 4096,
      sink: (_chunk, done) => (stalled ? held.push(done) : done()),
    });
    const invocation = invokeStreaming(
      handler,
      restV1Event({ method: 'GET', path: '/many' }),
      lambdaContext(),
      stream,
    );
    // Let the app run until it blocks on 'drain'.
    while (!progress.waitingForDrain) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    const writtenWhileStalled = progress.written;
    // Bounded by the buffers (the stream's 4 KiB, the connection's 64 KiB), not the 1,000 lines.
    expect(writtenWhileStalled).toBeLessThan(100);
    expect(progress.waitingForDrain).toBe(true);
    stalled = false;
    held.splice(0).forEach((done) => done());
    const out = await invocation;
    expect(progress.written).toBe(1000);
    const { body } = decodeHttpStream(out.raw, out.contentType);
    const lines = body.toString().trimEnd().split('\n');
    expect(lines).toHaveLength(1000);
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i),
    );
  });

  it('a client that goes away closes the response: the app stops, the handler resolves', async () => {
    const { handler, logger } = streamingHandler();
    let chunks = 0;
    const stream: StandInResponseStream = new StandInResponseStream({
      sink: (_chunk, done) => {
        done();
        // The front door's connection breaks after a few chunks.
        if (++chunks === 5) stream.destroy();
      },
    });
    await expect(
      handler(functionUrlEvent({ method: 'GET', path: '/endless' }), stream, lambdaContext()),
    ).resolves.toBeUndefined();
    for (let i = 0; i < 5 && progress.stoppedAt === -1; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(progress.closedSeen).toBe(true);
    expect(progress.stoppedAt).toBeGreaterThan(0);
    expect(logger.lines.map((l) => l.message)).toEqual([
      'response stream closed by the client before the response ended',
    ]);
  });

  it('an error after the first byte ends the stream, is logged and fails the invocation', async () => {
    const { handler, logger } = streamingHandler();
    const out = await invokeStreaming(
      handler,
      functionUrlEvent({ method: 'GET', path: '/fail-after-first-byte' }),
      lambdaContext({ awsRequestId: 'req-mid-stream' }),
    );
    const { prelude, body } = decodeHttpStream(out.raw, out.contentType);
    expect(prelude.statusCode).toBe(200);
    expect(body.toString()).toBe('partial\n');
    expect(out.errorTrailers?.['Lambda-Runtime-Function-Error-Type']).toBe('Error');
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'response failed after its first byte: stream ended early',
        detail: expect.objectContaining({ requestId: 'req-mid-stream' }) as unknown,
      }),
    ]);
  });

  it('outside the Lambda runtime (no awslambda global) it says what is missing', async () => {
    const handler = createStreamingLambdaHandler(app, { logger: recordingLogger() });
    await expect(
      handler(
        functionUrlEvent({ method: 'GET', path: '/empty' }),
        new StandInResponseStream(),
        lambdaContext(),
      ),
    ).rejects.toThrow(/needs the Lambda runtime \(the awslambda global\)/);
  });
});

describe('buffered handler: the response size guard', () => {
  it('answers the oversize response instead of a result Lambda would refuse', async () => {
    const logger = recordingLogger();
    const handler = createLambdaHandler(app, {
      logger,
      maxResponseBytes: 1024,
      oversizeResponse: (requestId, limit) => ({
        statusCode: 500,
        headers: { 'content-type': 'text/plain' },
        body: `${requestId}: over ${limit}`,
      }),
    });
    const res = fromLambdaResult(
      await handler(
        restV1Event({ method: 'GET', path: '/big' }),
        lambdaContext({ awsRequestId: 'r1' }),
      ),
    );
    expect(res.status).toBe(500);
    expect(res.text).toBe('r1: over 1024');
    expect(logger.lines[0]).toEqual(
      expect.objectContaining({
        level: 'warn',
        detail: expect.objectContaining({ limitBytes: 1024, status: 200 }) as unknown,
      }),
    );
    // Under the limit, the same route is answered as usual.
    const small = createLambdaHandler(app, { logger, maxResponseBytes: 8192 });
    const ok = fromLambdaResult(
      await small(restV1Event({ method: 'GET', path: '/big' }), lambdaContext()),
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toHaveLength(4096);
  });
});
