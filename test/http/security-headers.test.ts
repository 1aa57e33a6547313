import express from 'express';
import request from 'supertest';
import { helmetMiddleware, securityHeaders } from '../../app/http/security-headers';

/** Every header of a response, but the ones that change from one response to the next. */
async function headersOf(middleware: express.RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Powered-By', 'an earlier layer'); // helmet may remove headers too
    next();
  });
  app.use(middleware);
  app.get('/', (_req, res) => res.json({ ok: true }));
  const res = await request(app).get('/');
  const { date: _date, ...rest } = res.headers as Record<string, string>;
  return rest;
}

describe('security headers (app/http/security-headers.ts)', () => {
  it('are exactly the ones helmet itself sets, computed once', async () => {
    const computed = await headersOf(securityHeaders());
    expect(computed).toEqual(await headersOf(helmetMiddleware()));
    // And they are the API set: a locked-down policy, HSTS, nosniff, no framing.
    expect(computed).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'x-powered-by': 'an earlier layer',
    });
  });
});
