import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { series } from '../../app/http/series';

/** An app whose one layer is `handlers` as a series, then a fallback and an error handler. */
function appWith(...handlers: RequestHandler[]) {
  const app = express();
  app.use(series(...handlers));
  app.use((_req, res) => {
    res.json({ reached: 'after', seen: res.locals.seen ?? [] });
  });
  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    res.status(500).json({ error: err instanceof Error ? err.message : String(err) });
  };
  app.use(onError);
  return app;
}

const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.seen = [...((res.locals.seen as string[] | undefined) ?? []), name];
    next();
  };

describe('series (app/http/series.ts): middlewares as one layer', () => {
  it('runs them in order, then goes on to the next layer', async () => {
    const res = await request(appWith(mark('a'), mark('b'), mark('c'))).get('/');
    expect(res.body).toEqual({ reached: 'after', seen: ['a', 'b', 'c'] });
  });

  it('lets one answer and stop there', async () => {
    const answer: RequestHandler = (_req, res) => {
      res.json({ reached: 'b' });
    };
    const res = await request(appWith(mark('a'), answer, mark('c'))).get('/');
    expect(res.body).toEqual({ reached: 'b' });
  });

  it('sends next(err), a throw and a rejected promise to the error handler, skipping the rest', async () => {
    const failures: RequestHandler[] = [
      (_req, _res, next) => next(new Error('passed')),
      () => {
        throw new Error('thrown');
      },
      async () => {
        await Promise.resolve();
        throw new Error('rejected');
      },
      () => Promise.reject(undefined), // a falsy reason is still an error, as in Express
    ];
    const seen = [];
    for (const fail of failures) {
      const res = await request(appWith(mark('a'), fail, mark('never'))).get('/');
      seen.push([res.status, res.body]);
    }
    expect(seen).toEqual([
      [500, { error: 'passed' }],
      [500, { error: 'thrown' }],
      [500, { error: 'rejected' }],
      [500, { error: 'Rejected promise' }],
    ]);
  });

  it("treats next('route') as next(), and waits for middlewares that call next later", async () => {
    const later: RequestHandler = (_req, _res, next) => {
      setTimeout(() => next('route'), 5);
    };
    const res = await request(appWith(mark('a'), later, mark('b'))).get('/');
    expect(res.body).toEqual({ reached: 'after', seen: ['a', 'b'] });
  });

  it('runs a router within the series as if it were mounted on its own', async () => {
    const router = express.Router();
    router.get('/r', (_req, res) => {
      res.json({ reached: 'router' });
    });
    const app = appWith(mark('a'), router, mark('b'));
    expect((await request(app).get('/r')).body).toEqual({ reached: 'router' });
    expect((await request(app).get('/other')).body).toEqual({ reached: 'after', seen: ['a', 'b'] });
  });
});
