import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Middlewares run in order as one Express layer, behaving as the same middlewares given to
 * `app.use` one by one: `next()` goes on to the following one, `next(err)` (or a throw, or a
 * rejected promise, as Express 5 catches them) skips the rest and goes to the error handler,
 * `next('route')` is `next()` outside a route, and `next('router')` leaves the app's stack.
 *
 * Why: Express charges every layer of the app's stack on every request (its `next`, path
 * matching, promise handling). The app has over twenty, plus the routers' own, and on a warm
 * Lambda invocation of a few tens of microseconds the router and Express together were 16% of
 * the CPU profile; one layer running the same functions keeps their order and costs a loop.
 * Routers (express.Router()) are middlewares too and can be part of a series.
 */
export function series(...handlers: (RequestHandler | RequestHandler[])[]): RequestHandler {
  const list = handlers.flat();
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (err?: unknown): void => {
      if (err && err !== 'route') {
        next(err);
        return;
      }
      const handler = list[index++];
      if (handler === undefined) {
        next();
        return;
      }
      try {
        const result: unknown = handler(req, res, step);
        // As Express's router: a rejection is an error even when its reason is falsy.
        if (isPromise(result)) result.then(undefined, (e: unknown) => step(e || REJECTED()));
      } catch (e) {
        step(e); // a falsy throw keeps going, as in the router
      }
    };
    step();
  };
}

const REJECTED = () => new Error('Rejected promise');

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
