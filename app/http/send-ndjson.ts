import type { Request, Response } from 'express';

const NDJSON = 'application/x-ndjson';

/** Resolves when the response can take more, or has closed (the client went away). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Streams batches of values as NDJSON (one JSON text per line), writing each batch as it
 * arrives and waiting for 'drain' when the response is full, so memory holds one batch. The
 * head goes out with the first batch: an error before it (the first read failing) is still an
 * ordinary problem response; after it, the error handler closes the connection. A client that
 * goes away ends the loop, which stops the source (its `return` runs). HEAD reads nothing.
 */
export async function sendNdjson(
  req: Request,
  res: Response,
  batches: () => AsyncIterable<readonly unknown[]>,
): Promise<void> {
  res.type(NDJSON);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  for await (const batch of batches()) {
    if (res.destroyed) return;
    let text = '';
    for (const value of batch) text += `${JSON.stringify(value)}\n`;
    if (!res.write(text)) await drained(res);
    if (res.destroyed) return;
  }
  res.end();
}
