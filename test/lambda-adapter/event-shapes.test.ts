import express, { Router } from 'express';
import pino from 'pino';
import {
  createLambdaHandler,
  UnsupportedEventError,
  type LambdaHandler,
} from '../../lambda-adapter';
import { lambdaContext, type EventInput } from '../support/lambda-events';
import { startTestApi, type TestApi } from '../support/test-app';
import { defaultTestToken } from '../support/tokens';
import { fromLambdaResult, toEvent, type TransportKind } from '../support/transport';

type Shape = Exclude<TransportKind, 'express'>;
const SHAPES: Shape[] = ['rest-v1', 'http-v2', 'function-url', 'alb', 'alb-multi', 'lattice'];
/** Shapes whose query (and, for ALB, headers) carry one value per name. */
const singleValuedQuery = (shape: Shape) => shape === 'alb' || shape === 'lattice';

/** Test-only routes on the real pipeline: they echo what the app saw, or send edge responses. */
function edgeRoutes(): Router {
  const router = Router();
  router.all(
    '/test/echo{/:param}',
    express.raw({ type: 'application/octet-stream' }),
    (req, res) => {
      res.json({
        method: req.method,
        url: req.originalUrl,
        param: req.params.param,
        query: req.query,
        headers: req.headers,
        ip: req.clientIp,
        id: req.id,
        basePath: req.basePath,
        bodyBase64: Buffer.isBuffer(req.body) ? req.body.toString('base64') : null,
      });
    },
  );
  router.get('/test/cookies', (_req, res) => {
    res.cookie('session', 'abc', { httpOnly: true });
    res.cookie('theme', 'dark');
    res.json({ ok: true });
  });
  router.get('/test/binary', (_req, res) => {
    res.type('image/png').send(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  });
  return router;
}

interface Echo {
  method: string;
  url: string;
  param?: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  ip: string;
  id: string;
  basePath: string;
  bodyBase64: string | null;
}

const apis = new Map<string, TestApi>();
async function apiFor(shape: Shape, env: Record<string, string> = {}): Promise<TestApi> {
  const key = `${shape} ${JSON.stringify(env)}`;
  let t = apis.get(key);
  if (!t) {
    t = await startTestApi({ transport: shape, env, extraRouter: edgeRoutes() });
    apis.set(key, t);
  }
  return t;
}
afterAll(async () => {
  for (const t of apis.values()) await t.close();
});

async function invoke(
  shape: Shape,
  input: EventInput,
  env: Record<string, string> = {},
  context = lambdaContext(),
) {
  const t = await apiFor(shape, env);
  // The default test token, as the transport adds it; `Authorization: []` means anonymous.
  const headers: Record<string, string[]> = {
    Authorization: [`Bearer ${await defaultTestToken()}`],
    ...input.headers,
  };
  if (headers.Authorization?.length === 0) delete headers.Authorization;
  const withToken = { ...input, headers };
  const result = (await (t.handler as LambdaHandler)(toEvent(shape, withToken), context)) as Record<
    string,
    unknown
  >;
  return { result, res: fromLambdaResult(result), context };
}

const json = (body: unknown) => Buffer.from(JSON.stringify(body));

describe.each(SHAPES)('%s events', (shape) => {
  it('delivers repeated query keys and decodes values once', async () => {
    const { res } = await invoke(shape, {
      method: 'GET',
      path: '/test/echo',
      rawQuery: 'tag=a&tag=b&q=1%202%2B3&e=%C3%A9',
    });
    const echo = res.body as Echo;
    // Single-value ALB and Lattice keep only the last of repeated keys: a limit of those shapes.
    expect(echo.query.tag).toEqual(singleValuedQuery(shape) ? 'b' : ['a', 'b']);
    expect(echo.query.q).toBe('1 2+3');
    expect(echo.query.e).toBe('é');
  });

  it('treats header names that are Object.prototype members as plain names', async () => {
    const t = await apiFor(shape);
    const event = toEvent(shape, { method: 'GET', path: '/test/echo' });
    // As Lambda delivers it: JSON-parsed, so `__proto__` is an own key like any other.
    const text = JSON.stringify(event).replace(
      /"(headers|multiValueHeaders)":\{/g,
      (_m, field: string) => {
        const v = (x: string) => (field === 'headers' ? `"${x}"` : `["${x}"]`);
        return `"${field}":{"Constructor":${v('c')},"__proto__":${v('p')},"hasOwnProperty":${v('h')},`;
      },
    );
    const parsed = JSON.parse(text) as object;
    const result = await (t.handler as LambdaHandler)(parsed, lambdaContext());
    const res = fromLambdaResult(result as Record<string, unknown>);
    expect(res.status).toBe(200);
    const { headers } = res.body as Echo;
    expect(headers.constructor).toBe('c');
    expect(headers.hasownproperty).toBe('h');
  });

  it('joins repeated request headers and lower-cases names', async () => {
    const { res } = await invoke(shape, {
      method: 'GET',
      path: '/test/echo',
      headers: { 'X-Multi': ['one', 'two'], 'X-UPPER-Case': ['v'] },
    });
    const echo = res.body as Echo;
    expect(echo.headers['x-upper-case']).toBe('v');
    if (shape === 'alb') expect(echo.headers['x-multi']).toBe('two');
    else expect(echo.headers['x-multi']?.replace(/\s/g, '')).toBe('one,two');
  });

  it('returns every Set-Cookie where the shape can carry several', async () => {
    const { result, res } = await invoke(shape, { method: 'GET', path: '/test/cookies' });
    expect(res.status).toBe(200);
    const cookies =
      shape === 'http-v2' || shape === 'function-url'
        ? (result.cookies as string[])
        : shape === 'alb' || shape === 'lattice'
          ? [(result.headers as Record<string, string>)['set-cookie']]
          : (result.multiValueHeaders as Record<string, string[]>)['set-cookie'];
    if (shape === 'alb' || shape === 'lattice') {
      expect(cookies).toEqual([expect.stringMatching(/^session=abc/)]);
    } else {
      expect(cookies).toHaveLength(2);
      expect(cookies?.[0]).toMatch(/^session=abc; Path=\/; HttpOnly$/);
      expect(cookies?.[1]).toMatch(/^theme=dark/);
    }
  });

  it('reads isBase64Encoded request bodies through the full stack', async () => {
    const { res } = await invoke(shape, {
      method: 'POST',
      path: '/v1/items',
      headers: { 'Content-Type': ['application/json'] },
      body: json({ name: 'Base64 ✓' }),
      base64: true,
    });
    expect(res.status).toBe(201);
    expect((res.body as { name: string }).name).toBe('Base64 ✓');
  });

  it('passes binary request bodies byte for byte', async () => {
    const bytes = Buffer.from([0, 255, 128, 10, 13, 0]);
    const { res } = await invoke(shape, {
      method: 'POST',
      path: '/test/echo',
      headers: { 'Content-Type': ['application/octet-stream'] },
      body: bytes,
      base64: true,
    });
    expect((res.body as Echo).bodyBase64).toBe(bytes.toString('base64'));
  });

  it('sends binary responses base64-encoded and text responses as text', async () => {
    const bin = await invoke(shape, { method: 'GET', path: '/test/binary' });
    expect(bin.result.isBase64Encoded).toBe(true);
    expect([...bin.res.raw]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    const text = await invoke(shape, { method: 'GET', path: '/health' });
    expect(text.result.isBase64Encoded).toBe(false);
    expect(text.res.body).toEqual({ status: 'ok' });
  });

  it('sets Content-Length to the byte length of the body', async () => {
    const created = await invoke(shape, {
      method: 'POST',
      path: '/v1/items',
      headers: { 'content-type': ['application/json'] },
      body: json({ name: 'naïve café — ünïcödé 🚀' }),
    });
    expect(created.res.status).toBe(201);
    expect(Number(created.res.headers['content-length'])).toBe(created.res.raw.length);
  });

  it('accepts header names in any case', async () => {
    const { res } = await invoke(shape, {
      method: 'POST',
      path: '/v1/items',
      headers: { 'CoNtEnT-TyPe': ['application/json'], 'X-REQUEST-ID': ['Mixed-Case-1'] },
      body: json({ name: 'case' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-request-id']).toBe('Mixed-Case-1');
  });

  it('decodes encoded path parameters once (and keeps a decoded ? in the path)', async () => {
    const { res } = await invoke(shape, { method: 'GET', path: '/test/echo/a%20b%3Fc%25d' });
    expect((res.body as Echo).param).toBe('a b?c%d');
    const id = await invoke(shape, { method: 'GET', path: '/v1/items/%20' });
    expect(id.res.status).toBe(400);
  });

  it('falls back to the Lambda awsRequestId for X-Request-Id', async () => {
    const { res, context } = await invoke(shape, { method: 'GET', path: '/health' });
    expect(res.headers['x-request-id']).toBe(context.awsRequestId);
  });

  it('takes the client IP from the front door, never from a client-supplied X-Forwarded-For', async () => {
    const { res } = await invoke(shape, {
      method: 'GET',
      path: '/test/echo',
      headers: { 'X-Forwarded-For': ['6.6.6.6'] },
      sourceIp: '203.0.113.9',
    });
    expect((res.body as Echo).ip).toBe('203.0.113.9');
  });

  it('answers HEAD with headers only', async () => {
    const { res } = await invoke(shape, { method: 'HEAD', path: '/health' });
    expect(res.status).toBe(200);
    expect(res.raw.length).toBe(0);
  });
});

describe('VPC Lattice (v2)', () => {
  it('reads a query that arrives inside the path, and answers with a status line', async () => {
    const t = await apiFor('lattice');
    const event = toEvent('lattice', { method: 'GET', path: '/test/echo' }) as {
      path: string;
      headers: Record<string, unknown>;
    };
    event.path = '/test/echo?tag=a&tag=b&q=1%202';
    event.headers['x-single'] = 'one value'; // a plain string, as some models type them
    const result = (await (t.handler as LambdaHandler)(event, lambdaContext())) as Record<
      string,
      unknown
    >;
    const echo = fromLambdaResult(result).body as Echo;
    expect(echo.query).toEqual({ tag: ['a', 'b'], q: '1 2' });
    expect(echo.headers['x-single']).toBe('one value');
    expect(result.statusDescription).toBe('200 OK');
    expect(typeof (result.headers as Record<string, unknown>)['content-type']).toBe('string');
  });

  it('takes the client IP from the address Lattice appended, never an earlier entry', async () => {
    const { res } = await invoke('lattice', {
      method: 'GET',
      path: '/test/echo',
      sourceIp: '10.1.2.3',
      headers: { 'X-Forwarded-For': ['203.0.113.66'] },
    });
    expect((res.body as Echo).ip).toBe('10.1.2.3');
  });
});

describe('encoded slashes', () => {
  it.each(['rest-v1', 'function-url', 'alb', 'lattice'] as Shape[])(
    'keep %%2F inside one path parameter on %s',
    async (shape) => {
      const { res } = await invoke(shape, { method: 'GET', path: '/test/echo/a%2Fb' });
      expect((res.body as Echo).param).toBe('a/b');
    },
  );

  it('cannot survive an HTTP API, which decodes the path first: a 404, never a 500', async () => {
    const { res } = await invoke('http-v2', { method: 'GET', path: '/v1/items/..%2F..%2Fetc' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('stage and base path', () => {
  it('REST on the execute-api domain: routes without the stage, links with it', async () => {
    const { res } = await invoke('rest-v1', {
      method: 'POST',
      path: '/v1/items',
      body: json({ name: 'staged' }),
      headers: { 'Content-Type': ['application/json'] },
      executeApiDomain: true,
      stage: 'prod',
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/prod/v1/items/${(res.body as { id: string }).id}`);
  });

  it('HTTP API with a named stage: strips it from rawPath', async () => {
    const { res } = await invoke('http-v2', {
      method: 'POST',
      path: '/v1/items',
      body: json({ name: 'staged' }),
      headers: { 'Content-Type': ['application/json'] },
      stage: 'prod',
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/prod/v1/items/${(res.body as { id: string }).id}`);
  });

  it.each(['rest-v1', 'http-v2', 'function-url', 'alb-multi'] as Shape[])(
    'strips a configured BASE_PATH (custom-domain mapping) on %s',
    async (shape) => {
      const env = { BASE_PATH: '/api' };
      const { res } = await invoke(
        shape,
        {
          method: 'POST',
          path: '/v1/items',
          basePathMapping: '/api',
          body: json({ name: 'mapped' }),
          headers: { 'Content-Type': ['application/json'] },
        },
        env,
      );
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/items/${(res.body as { id: string }).id}`);
      const list = await invoke(
        shape,
        { method: 'GET', path: '/v1/items', rawQuery: 'limit=1', basePathMapping: '/api' },
        env,
      );
      expect(list.res.status).toBe(200);
    },
  );
});

describe('custom-domain base path from the event', () => {
  it.each(['rest-v1', 'http-v2'] as Shape[])(
    'strips requestContext.customDomain.basePathMatched on %s without BASE_PATH',
    async (shape) => {
      const t = await apiFor(shape);
      const event = toEvent(shape, {
        method: 'POST',
        path: '/v1/items',
        basePathMapping: '/api',
        body: json({ name: 'mapped by the event' }),
        headers: {
          'Content-Type': ['application/json'],
          Authorization: [`Bearer ${await defaultTestToken()}`],
        },
      }) as { requestContext: Record<string, unknown> };
      event.requestContext.customDomain = { basePathMatched: 'api' };
      const res = fromLambdaResult(
        (await (t.handler as LambdaHandler)(event, lambdaContext())) as Record<string, unknown>,
      );
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/items/${(res.body as { id: string }).id}`);
    },
  );
});

// Anonymous writes are keyed by client IP (authenticated ones by subject).
const anonymousPost = (sourceIp: string, spoof?: string): EventInput => ({
  method: 'POST',
  path: '/v1/items',
  headers: {
    Authorization: [],
    'Content-Type': ['application/json'],
    ...(spoof ? { 'X-Forwarded-For': [spoof] } : {}),
  },
  body: json({ name: 'anonymous' }),
  sourceIp,
});

describe('rate limiting on Lambda', () => {
  it('keys on the front door source IP, so rotating X-Forwarded-For does not dodge the limit', async () => {
    const env = { RATE_LIMIT_MAX: '2' };
    const statuses: number[] = [];
    for (const spoof of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
      const { res } = await invoke('rest-v1', anonymousPost('192.0.2.44', spoof), env);
      statuses.push(res.status);
    }
    // Counted, then refused by the contract (no token), then over the budget.
    expect(statuses).toEqual([401, 401, 429]);
    const other = await invoke('rest-v1', anonymousPost('192.0.2.45'), env);
    expect(other.res.status).toBe(401);
  });
});

describe('warm-up pings', () => {
  const scheduled = {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: '2026-11-25T12:00:00Z',
    region: 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:123456789012:rule/express-lambda-api-warmer'],
    detail: {},
  };

  it.each([
    ['an EventBridge scheduled event', scheduled],
    ['a { warmer: true } ping', { warmer: true }],
  ])('answers %s without entering Express', async (_name, event) => {
    const app = jest.fn();
    const handler = createLambdaHandler(app, { logger: pino({ level: 'silent' }) });
    expect(await handler(event, lambdaContext())).toEqual({ warmed: true });
    expect(app).not.toHaveBeenCalled();
  });

  it('does not count pings against the rate limit', async () => {
    const env = { RATE_LIMIT_MAX: '1' };
    const t = await apiFor('rest-v1', env);
    for (let i = 0; i < 3; i++) await (t.handler as LambdaHandler)(scheduled, lambdaContext());
    const first = await invoke('rest-v1', anonymousPost('192.0.2.80'), env);
    expect(first.res.status).toBe(401);
    const second = await invoke('rest-v1', anonymousPost('192.0.2.80'), env);
    expect(second.res.status).toBe(429);
  });

  it('answers a problem, not an empty 500, when an event cannot be read', async () => {
    const t = await apiFor('rest-v1');
    const context = lambdaContext();
    const broken = { httpMethod: 'GET', requestContext: {}, headers: {} }; // no path
    const res = fromLambdaResult(await (t.handler as LambdaHandler)(broken, context));
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 500, requestId: context.awsRequestId });
  });

  it('rejects events it cannot serve', async () => {
    const t = await apiFor('rest-v1');
    await expect(
      (t.handler as LambdaHandler)({ Records: [] }, lambdaContext()),
    ).rejects.toBeInstanceOf(UnsupportedEventError);
  });
});
