import { Router } from 'express';
import { StoreTimeoutError, StoreUnavailableError } from '../core/errors';
import { sendJson } from '../http/send-json';

/** Liveness never touches I/O; readiness proves the store answers. */
export function createHealthRouter(ping: () => Promise<void>): Router {
  const router = Router({ strict: true });

  router.get('/health', (req, res) => {
    sendJson(req, res, { status: 'ok' });
  });

  router.get('/health/ready', async (req, res) => {
    try {
      await ping();
    } catch (err) {
      // Whatever the cause (unreachable, missing table, no permission), the answer is "not ready".
      throw err instanceof StoreUnavailableError || err instanceof StoreTimeoutError
        ? err
        : new StoreUnavailableError('The data store is not ready', 5, { cause: err });
    }
    sendJson(req, res, { status: 'ok' });
  });

  return router;
}
