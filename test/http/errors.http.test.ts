import type { ProblemBody } from '../../app/http/problem-response';
import { startTestApi, type TestApi } from '../support/test-app';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi({ env: { BODY_LIMIT: '1kb' } });
});
afterAll(async () => {
  await t.close();
});

type Problem = ProblemBody;

function problem(
  res: { status: number; headers: Record<string, string>; body: unknown; text: string },
  status: number,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/); // no stack frames, ever
  return res.body as Problem;
}

describe('problem details', () => {
  it('answers malformed JSON with 400', async () => {
    const res = await t.api.post('/v1/items', '{"name":', { 'Content-Type': 'application/json' });
    const p = problem(res, 400);
    expect(p).toMatchObject({
      type: 'https://express-lambda-api.dev/problems/malformed-json',
      title: 'Malformed JSON body',
      status: 400,
      instance: '/v1/items',
      requestId: res.headers['x-request-id'],
    });
  });

  it('answers a JSON body that is not an object with 400', async () => {
    problem(
      await t.api.post('/v1/items', '"just a string"', { 'Content-Type': 'application/json' }),
      400,
    );
    problem(await t.api.post('/v1/items', '[1,2]', { 'Content-Type': 'application/json' }), 400);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await t.api.post('/v1/items', { name: 'x', description: 'y'.repeat(2000) });
    expect(problem(res, 413).type).toMatch(/payload-too-large$/);
  });

  it.each([
    ['text/plain', 'name=x'],
    ['application/x-www-form-urlencoded', 'name=x'],
    [
      'multipart/form-data; boundary=abc',
      '--abc\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--abc--',
    ],
    ['application/xml', '<name>x</name>'],
  ])('answers Content-Type %s with 415', async (type, body) => {
    const res = await t.api.post('/v1/items', body, { 'Content-Type': type });
    expect(problem(res, 415).type).toMatch(/unsupported-media-type$/);
  });

  it.each(['ebcdic', 'utf-16', 'UTF-16LE', 'latin1', 'utf8', '""'])(
    'answers charset=%s with 415 (JSON bodies are UTF-8)',
    async (charset) => {
      const res = await t.api.post('/v1/items', '{"name":"x"}', {
        'Content-Type': `application/json; charset=${charset}`,
      });
      expect(problem(res, 415).type).toMatch(/unsupported-media-type$/);
    },
  );

  it.each(['utf-8', 'UTF-8', '"utf-8"'])('accepts charset=%s', async (charset) => {
    const res = await t.api.post('/v1/items', '{"name":"x"}', {
      'Content-Type': `application/json; charset=${charset}`,
    });
    expect(res.status).toBe(201);
  });

  it('answers a missing body with 400 or 415, never 500', async () => {
    const res = await t.api.post('/v1/items');
    expect([400, 415]).toContain(res.status);
  });

  it('answers an unknown route with 404', async () => {
    for (const path of ['/nope', '/v2/items', '/v1/items/x/y', '/']) {
      const res = await t.api.get(path);
      expect(problem(res, 404).type).toMatch(/not-found$/);
    }
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await t.api.delete('/v1/items');
    expect(problem(res, 405).type).toMatch(/method-not-allowed$/);
    expect(res.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const put = await t.api.put('/health', { a: 1 });
    expect(problem(put, 405).type).toMatch(/method-not-allowed$/);
    expect(put.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD']);
  });
});

describe('X-Request-Id', () => {
  it('generates one when none is sent', async () => {
    const res = await t.api.get('/health');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sane incoming id, on errors too', async () => {
    const ok = await t.api.get('/health', { 'X-Request-Id': 'abc-123.def:4' });
    expect(ok.headers['x-request-id']).toBe('abc-123.def:4');
    const err = await t.api.get('/nope', { 'X-Request-Id': 'trace-42' });
    expect(err.headers['x-request-id']).toBe('trace-42');
  });

  it("names the server's own id in problem bodies, never the client's", async () => {
    const err = await t.api.get('/nope', { 'X-Request-Id': 'trace-42' });
    const { requestId } = err.body as Problem;
    expect(requestId).not.toBe('trace-42');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/); // a UUID locally, the awsRequestId on Lambda
  });

  it('replaces an unsafe or overlong incoming id', async () => {
    for (const bad of ['has space', '<script>', 'x'.repeat(129)]) {
      const res = await t.api.get('/health', { 'X-Request-Id': bad });
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('CORS', () => {
  const allowed = 'https://app.example.com';

  it('answers a preflight from an allowed origin', async () => {
    const res = await t.api.send({
      method: 'OPTIONS',
      path: '/v1/items',
      headers: {
        Origin: allowed,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,authorization,if-match',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(allowed);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
  });

  it('lets an allowed origin read ETag, Location and X-Request-Id, on errors too', async () => {
    const created = await t.api.post('/v1/items', { name: 'cors' }, { Origin: allowed });
    expect(created.headers['access-control-allow-origin']).toBe(allowed);
    const exposed = created.headers['access-control-expose-headers']?.split(',') ?? [];
    expect(exposed).toEqual(
      expect.arrayContaining(['ETag', 'Location', 'X-Request-Id', 'Retry-After', 'RateLimit']),
    );
    const error = await t.api.get('/nope', { Origin: allowed });
    expect(error.status).toBe(404);
    expect(error.headers['access-control-allow-origin']).toBe(allowed);
    expect(error.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('gives a disallowed origin no CORS headers', async () => {
    const res = await t.api.get('/health', { Origin: 'https://evil.example.net' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    // Still varies on Origin: a shared cache must not hand this answer to an allowed origin.
    expect(res.headers.vary).toBe('Origin');
    const preflight = await t.api.send({
      method: 'OPTIONS',
      path: '/v1/items',
      headers: { Origin: 'https://evil.example.net', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('security headers', () => {
  it('sets helmet headers and hides the framework', async () => {
    const res = await t.api.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
