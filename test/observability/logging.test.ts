import { randomBytes, randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { createApp } from '../../app/app';
import { systemClock } from '../../app/core/clock';
import type { Config } from '../../app/config';
import * as fc from 'fast-check';
import {
  createLogger,
  hideInLogs,
  MAX_LOGGED_STRING,
  REDACTED,
  TOKEN_PATTERN,
} from '../../app/observability/logger';
import { prettyDestination } from '../../app/observability/pretty-logs';
import { memoryStores } from '../support/memory-stores';
import { createLambdaEntry } from '../../entry/lambda-entry';
import { lambdaContext, restV1Event } from '../support/lambda-events';
import { testConfig } from '../support/test-app';
import { TEST_JWT_SECRET, testToken } from '../support/tokens';

/** A pino destination that keeps every line written to it. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return {
    stream,
    text: () => lines.join('\n'),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    accessLines: () =>
      lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((r) => r.msg === 'request'),
  };
}

const CURSOR_SECRET = `cursor-${randomBytes(24).toString('hex')}`;
const COOKIE_VALUE = `session-${randomBytes(16).toString('hex')}`;

/** The real app on in-memory stores, logging through createLogger into `out`. */
function appLoggingTo(out: ReturnType<typeof capture>, env: Record<string, string> = {}) {
  const config = testConfig({ LOG_LEVEL: 'info', CURSOR_SECRET, ...env });
  const logger = createLogger(config, { destination: out.stream });
  // A route that fails the worst way: its error message quotes the credential and the keys,
  // and the error carries the request headers (cookie included) and the whole config.
  const extraRouter = express.Router();
  extraRouter.get('/test/boom', (req) => {
    throw Object.assign(
      new Error(
        `failed for ${req.headers.authorization}; keys ${config.cursorSecret} and ${config.auth.secret}`,
      ),
      { headers: req.headers, config },
    );
  });
  extraRouter.get('/test/slow', (_req, res) => {
    setTimeout(() => res.json({ late: true }), 150);
  });
  return {
    app: createApp({ config, logger, clock: systemClock, ...memoryStores(), extraRouter }),
    config,
  };
}

describe('access log (app/http/access-log.ts)', () => {
  it('writes one JSON line per request: request id, method, route template, status, latency', async () => {
    const out = capture();
    const { app } = appLoggingTo(out);
    const id = randomUUID();
    const res = await request(app).get(`/v1/items/${id}`);
    expect(res.status).toBe(404);
    await request(app).get('/health');

    const [item, health, ...rest] = out.accessLines();
    expect(rest).toEqual([]);
    expect(item).toEqual({
      level: 'info',
      time: expect.any(Number),
      msg: 'request',
      requestId: res.headers['x-request-id'],
      method: 'GET',
      route: '/v1/items/{id}',
      path: `/v1/items/${id}`,
      status: 404,
      latencyMs: expect.any(Number),
    });
    expect(item?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(health).toMatchObject({ route: '/health', status: 200 });
  });

  it('names the route even for requests refused before validation; anything else is "unmatched"', async () => {
    const out = capture();
    const { app } = appLoggingTo(out);
    await request(app).post('/v1/items').set('Authorization', 'Bearer not-a-token').send({});
    await request(app).get('/v1/items/not-a-uuid');
    await request(app).get(`/no/such/${randomUUID()}`);
    await request(app).delete('/health');
    expect(out.accessLines().map((r) => [r.method, r.route, r.status])).toEqual([
      ['POST', '/v1/items', 401],
      ['GET', '/v1/items/{id}', 400],
      ['GET', 'unmatched', 404],
      ['DELETE', '/health', 405],
    ]);
  });

  it('takes its level from LOG_LEVEL: at warn only failing requests (5xx) are logged', async () => {
    const out = capture();
    const { app } = appLoggingTo(out, { LOG_LEVEL: 'warn' });
    await request(app).get('/health');
    await request(app).get('/test/boom');
    expect(out.accessLines().map((r) => [r.level, r.status])).toEqual([['warn', 500]]);
  });

  it('still writes the line when the client hangs up first (local server), marked aborted', async () => {
    const out = capture();
    const { app } = appLoggingTo(out);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = httpGet(`http://127.0.0.1:${port}/test/slow`);
      req.on('error', () => resolve());
      setTimeout(() => req.destroy(), 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await new Promise((resolve) => server.close(resolve));
    expect(out.accessLines()).toEqual([
      expect.objectContaining({ path: '/test/slow', route: 'unmatched', aborted: true }),
    ]);
  });

  it('on Lambda, adds the awsRequestId and whether the invocation was a cold start', async () => {
    const out = capture();
    const config = testConfig({ LOG_LEVEL: 'info', METRICS: 'false' });
    const logger = createLogger(config, { destination: out.stream });
    const handler = createLambdaEntry(config, memoryStores(), undefined, { logger });
    const first = lambdaContext();
    const second = lambdaContext();
    await handler(restV1Event({ method: 'GET', path: '/health' }), first);
    await handler(
      restV1Event({ method: 'GET', path: '/health', headers: { 'X-Request-Id': ['client-id-1'] } }),
      second,
    );
    expect(
      out
        .accessLines()
        .map((r) => [
          r.requestId,
          r.clientRequestId,
          r.awsRequestId,
          r.coldStart,
          r.route,
          r.status,
          r.aborted,
        ]),
    ).toEqual([
      [first.awsRequestId, undefined, first.awsRequestId, true, '/health', 200, undefined],
      // The client's id is kept beside ours, never instead of it: log correlation is ours.
      [second.awsRequestId, 'client-id-1', second.awsRequestId, false, '/health', 200, undefined],
    ]);
  });
});

describe('log redaction (app/observability/logger.ts)', () => {
  it('caps client-supplied strings in a line: a long path is cut, saying how much', async () => {
    const out = capture();
    const { app } = appLoggingTo(out);
    const path = `/${'a'.repeat(4000)}`; // under the 4096-byte request-target limit
    expect((await request(app).get(path)).status).toBe(404);
    const [line] = out.accessLines();
    expect(String(line?.path)).toBe(
      `${path.slice(0, MAX_LOGGED_STRING)}…[${path.length - MAX_LOGGED_STRING} more]`,
    );
    expect(out.text().length).toBeLessThan(2 * MAX_LOGGED_STRING + 1000);
  });

  it('tries a JWT only where a run of token characters starts, never again inside the run', () => {
    // The structural property that keeps redaction linear: a match never begins in the middle
    // of a [A-Za-z0-9_-] run, so `eyJeyJeyJ…` is one attempt, not one per `eyJ`.
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    const piece = fc.constantFrom('eyJ', 'a', '-', '.', ' ', '/', '=', 'Bearer ', jwt);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const line = pieces.join('');
        for (const m of line.matchAll(new RegExp(TOKEN_PATTERN))) {
          const before = line[m.index - 1];
          if (m[0].startsWith('eyJ'))
            expect(before === undefined || !/[\w-]/.test(before)).toBe(true);
        }
      }),
    );
    // And it still finds what it is for, glued to punctuation or not.
    for (const line of [jwt, `token=${jwt}`, `"${jwt}"`, `/v1/items?t=${jwt}&x=1`]) {
      expect(line.replace(new RegExp(TOKEN_PATTERN), REDACTED)).not.toContain('eyJzdWIi');
    }
  });

  it('keeps the bearer token, cookies and configured secrets out of every line, error path included', async () => {
    const out = capture();
    const { app, config } = appLoggingTo(out);
    const token = await testToken();
    const res = await request(app)
      .get('/test/boom')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', `session=${COOKIE_VALUE}`);
    expect(res.status).toBe(500);

    const records = out.records();
    expect(records.find((r) => r.msg === 'unhandled error')).toBeDefined();
    expect(out.accessLines()).toEqual([
      expect.objectContaining({ level: 'warn', status: 500, route: 'unmatched' }),
    ]);
    const text = out.text();
    for (const secret of [token, COOKIE_VALUE, CURSOR_SECRET, TEST_JWT_SECRET]) {
      expect(text).not.toContain(secret);
    }
    expect((config as Config).auth.secret).toBe(TEST_JWT_SECRET); // the key really was configured
    expect(text).toContain(REDACTED);
    // Each token part alone is long enough to identify it: none may survive either.
    for (const part of token.split('.')) expect(text).not.toContain(part);
  });

  it('redacts credential and cookie fields wherever headers are logged, and values registered later', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info' }, { destination: out.stream });
    const late = `read-from-secrets-manager-${randomBytes(8).toString('hex')}`;
    logger.info(
      {
        req: { headers: { authorization: 'Basic dXNlcjpwYXNzd29yZA==', cookie: 'a=1' } },
        res: { headers: { 'set-cookie': ['sid=abc; HttpOnly'] } },
        headers: { Authorization: 'Digest x', Cookie: 'b=2', 'x-api-key': 'k-123' },
        err: { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA' } },
        config: { cursorSecret: 'short', auth: { secret: 'hs256' } },
      },
      'headers',
    );
    hideInLogs(logger, late);
    logger.child({ component: 'x' }).error(`could not use ${late}`);
    const text = out.text();
    for (const secret of [
      'dXNlcjpwYXNzd29yZA',
      'a=1',
      'sid=abc',
      'Digest x',
      'b=2',
      'k-123',
      'AKIA',
      'short',
      'hs256',
      late,
    ]) {
      expect(text).not.toContain(secret);
    }
    const [fields] = out.records();
    expect(fields).toMatchObject({
      req: { headers: { authorization: REDACTED, cookie: REDACTED } },
      res: { headers: { 'set-cookie': REDACTED } },
    });
  });

  it('pretty output (npm run dev) is readable and scrubbed the same way', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger(
      { logLevel: 'info', cursorSecret: CURSOR_SECRET },
      { destination: prettyDestination(sink) },
    );
    logger.info(
      {
        requestId: 'r-1',
        method: 'GET',
        route: '/health',
        path: '/health',
        status: 200,
        latencyMs: 1.234,
      },
      'request',
    );
    logger.warn(`leaked ${CURSOR_SECRET}`);
    const text = lines.join('');
    expect(text).toContain('GET /health 200 1.2 ms');
    expect(text).not.toContain('{"level"'); // not JSON
    expect(text).not.toContain(CURSOR_SECRET);
  });
});
