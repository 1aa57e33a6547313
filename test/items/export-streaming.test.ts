import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { ProblemBody } from '../../app/http/problem-response';
import { ProblemTypes } from '../../app/http/problem-types';
import type { Item } from '../../app/items/item';
import type { ItemRepository, ListQuery, ListResult } from '../../app/items/item-repository';
import { functionUrlEvent, lambdaContext, restV1Event } from '../support/lambda-events';
import {
  decodeHttpStream,
  invokeStreaming,
  StandInResponseStream,
} from '../support/lambda-stream-runtime';
import { startTestApi } from '../support/test-app';
import { defaultTestToken } from '../support/tokens';
import { fromLambdaResult } from '../support/transport';

/**
 * The export through the streaming Lambda handler (a stand-in of the runtime's stream): lines
 * reach the client while later store pages are still being read, and memory holds a bounded
 * window of items however many there are. Counts and order are asserted, never time.
 */

/** The real repository, with its list calls counted and, when a gate is set, held. */
function observed(repository: ItemRepository) {
  const state = {
    calls: 0,
    itemsRead: 0,
    hold: undefined as Promise<void> | undefined,
    holdFrom: Infinity,
    /** The list call in flight, if any. */
    inFlight: undefined as Promise<unknown> | undefined,
  };
  const wrapped: ItemRepository = Object.create(repository) as ItemRepository;
  wrapped.list = (query: ListQuery): Promise<ListResult> => {
    state.calls++;
    const call = (async () => {
      if (state.calls >= state.holdFrom) await state.hold;
      const page = await repository.list(query);
      state.itemsRead += page.items.length;
      return page;
    })();
    state.inFlight = call.finally(() => (state.inFlight = undefined));
    return call;
  };
  return { wrapped, state };
}

function seedItems(count: number, start = Date.parse('2026-03-01T00:00:00Z')): Item[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(start + i * 1000).toISOString();
    return {
      id: randomUUID(),
      name: `n-${i}`,
      tags: [],
      status: 'active',
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  });
}

async function store(repository: ItemRepository, items: Item[], parallel = 25): Promise<void> {
  for (let i = 0; i < items.length; i += parallel) {
    await Promise.all(items.slice(i, i + parallel).map((item) => repository.create(item)));
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the transport chosen provides this handler');
  return value;
}

const countLines = (chunk: Buffer) => chunk.reduce((n, byte) => n + (byte === 0x0a ? 1 : 0), 0);

it('the first lines reach the client while later pages are still being read', async () => {
  let probe!: ReturnType<typeof observed>;
  const t = await startTestApi({
    transport: 'function-url-stream',
    wrapRepository: (r) => (probe = observed(r)).wrapped,
  });
  try {
    await store(t.repository, seedItems(250));
    let release!: () => void;
    probe.state.hold = new Promise<void>((resolve) => (release = resolve));
    probe.state.holdFrom = 2; // the second page waits until the test has seen the first
    let firstLines!: () => void;
    const arrived = new Promise<void>((resolve) => (firstLines = resolve));
    let delimiterSeen = false;
    const stream = new StandInResponseStream({
      sink: (chunk, done) => {
        if (delimiterSeen && countLines(chunk) > 0) firstLines();
        if (chunk.length === 8 && chunk.every((b) => b === 0)) delimiterSeen = true;
        done();
      },
    });
    const invocation = invokeStreaming(
      required(t.streamHandler),
      functionUrlEvent({ method: 'GET', path: '/v1/items/export' }),
      lambdaContext(),
      stream,
    );
    await arrived;
    expect(probe.state.calls).toBe(2); // the second page is being read, held
    expect(probe.state.itemsRead).toBe(100);
    release();
    const out = await invocation;
    const { prelude, body } = decodeHttpStream(out.raw, out.contentType);
    expect(prelude.statusCode).toBe(200);
    expect(prelude.headers?.['content-type']).toMatch(/^application\/x-ndjson/);
    expect(body.toString().trimEnd().split('\n')).toHaveLength(250);
    const bodyWrites = out.writes.slice(out.writes.findIndex((w) => w.length === 8) + 1);
    expect(bodyWrites.length).toBeGreaterThanOrEqual(3); // a write per page of at most 100
    expect(probe.state.calls).toBe(3);
  } finally {
    await t.close();
  }
}, 60_000);

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

it('exports 10,000 items in order; a stalled client stops the store reads', async () => {
  let probe!: ReturnType<typeof observed>;
  const t = await startTestApi({
    transport: 'rest-v1-stream',
    wrapRepository: (r) => (probe = observed(r)).wrapped,
  });
  try {
    await store(t.repository, seedItems(10_000));
    let delivered = 0;
    let lastCreatedAt = '\uffff';
    let ordered = true;
    let partial = '';
    let delimiterSeen = false;
    let stalled = false;
    let released = false;
    const held: (() => void)[] = [];
    const stream = new StandInResponseStream({
      // Nothing is kept but counts: the client's own memory stays out of the picture.
      sink: (chunk, done) => {
        if (!delimiterSeen) {
          delimiterSeen = chunk.length === 8 && chunk.every((b) => b === 0);
          return done();
        }
        const text = partial + chunk.toString('utf8');
        const complete = text.split('\n');
        partial = complete.pop() ?? '';
        for (const line of complete) {
          const { createdAt } = JSON.parse(line) as Item;
          if (createdAt >= lastCreatedAt) ordered = false;
          lastCreatedAt = createdAt;
          delivered++;
        }
        if (delivered >= 500 && !released) stalled = true;
        if (stalled && held.length === 0 && delivered < 10_000) held.push(done);
        else setImmediate(done);
      },
    });
    const invocation = invokeStreaming(
      required(t.streamHandler),
      restV1Event({ method: 'GET', path: '/v1/items/export' }),
      lambdaContext(),
      stream,
    );
    // The client stops reading after 500 lines: wait until the export stops reading too
    // (no list call in flight, and none started since), however long the store takes.
    while (!stalled) await turns(1);
    for (let calls = -1; calls !== probe.state.calls || probe.state.inFlight;) {
      calls = probe.state.calls;
      await probe.state.inFlight;
      await turns(20);
    }
    // Read but not delivered: what fits the buffers (a few pages), never the 9,500 left.
    expect(probe.state.itemsRead - delivered).toBeLessThanOrEqual(1_000);
    expect(probe.state.itemsRead).toBeLessThan(10_000);
    stalled = false;
    released = true;
    held.splice(0).forEach((done) => done());
    const out = await invocation;
    expect(out.errorTrailers).toBeUndefined();
    expect(delivered).toBe(10_000);
    expect(partial).toBe('');
    expect(ordered).toBe(true);
    expect(probe.state.calls).toBe(100); // pages of 100, read one after another
  } finally {
    await t.close();
  }
}, 180_000);

it('through the buffered handler, a response over 6 MiB is a response-too-large problem', async () => {
  const huge = Router();
  huge.get('/test/huge', (_req, res) => {
    res.json({ blob: 'z'.repeat(7 * 1024 * 1024) });
  });
  const t = await startTestApi({ transport: 'rest-v1', extraRouter: huge });
  try {
    const token = await defaultTestToken();
    const result = await required(t.handler)(
      restV1Event({
        method: 'GET',
        path: '/test/huge',
        headers: { Authorization: [`Bearer ${token}`] },
      }),
      lambdaContext({ awsRequestId: 'req-huge' }),
    );
    const res = fromLambdaResult(result);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const problem = res.body as ProblemBody;
    expect(problem.type).toBe(ProblemTypes.responseTooLarge.type);
    expect(problem.requestId).toBe('req-huge');
    expect(problem.detail).toMatch(/6291456 bytes \(6 MiB\).*STREAM mode.*RESPONSE_STREAM/);
    // The export itself, small here, passes the guard.
    const ok = fromLambdaResult(
      await required(t.handler)(
        restV1Event({ method: 'GET', path: '/v1/items/export' }),
        lambdaContext(),
      ),
    );
    expect(ok.status).toBe(200);
  } finally {
    await t.close();
  }
});
