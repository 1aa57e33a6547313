/**
 * Settles the creates that got no usable answer during the run (mostly the ones still in
 * flight when the run stopped: autocannon drops those connections, and with them the answers).
 * Each is sent again with its Idempotency-Key and body: the server answers the original 201
 * when the first create landed, and creates the item now when it did not, so either way the
 * item's id and ETag are known, it joins the ledger and the lost-writes check reads it back.
 * What no replay settles stays a create of unknown outcome.
 */
import { authHeaders, endpoint, REQUEST_TIMEOUT_S } from './http';
import type { RunState, UnsettledCreate } from './run-state';

const SETTLE_CONCURRENCY = 8;
const SETTLE_DEADLINE_MS = 60_000;
const TRIES = 3;

export async function settleCreates(run: RunState, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  const queue = run.unsettledCreates.splice(0);
  let waitedForLimit = false;
  const sleep = (ms: number) =>
    new Promise((r) => setTimeout(r, Math.max(0, Math.min(ms, deadline - Date.now()))));

  /** The replay's id and ETag, or undefined when it did not settle. */
  const replay = async (c: UnsettledCreate): Promise<{ id: string; etag: string } | undefined> => {
    for (let tries = 1; tries <= TRIES && Date.now() < deadline;) {
      let res: Response;
      try {
        res = await fetch(endpoint(run.baseUrl, '/v1/items'), {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            'idempotency-key': c.idempotencyKey,
            ...authHeaders(run.token),
          },
          body: c.body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000),
        });
      } catch {
        tries++;
        continue;
      }
      const text = await res.text();
      const retryAfterS = Number(res.headers.get('retry-after')) || 1;
      if (res.status === 201) {
        let id: string | undefined;
        try {
          id = (JSON.parse(text) as { id?: string }).id;
        } catch {
          id = res.headers.get('location')?.split('/').pop();
        }
        const etag = res.headers.get('etag');
        return id && etag ? { id, etag } : undefined;
      }
      if (res.status === 429) {
        // Waiting does not use up a try: the limit will let the replay through.
        if (!waitedForLimit) log(`settle: rate limited; waiting ${retryAfterS} s (Retry-After)`);
        waitedForLimit = true;
        await sleep(retryAfterS * 1000);
        continue;
      }
      // 409: the original create is still running on the server; 5xx: try again.
      if (res.status !== 409 && res.status < 500) return undefined;
      tries++;
      await sleep(retryAfterS * 1000);
    }
    return undefined;
  };

  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const settled = await replay(c);
      if (!settled) {
        run.unknownCreates++;
        continue;
      }
      run.settledCreates[c.cause]++;
      run.ledger.push({ ...settled, owner: c.owner, state: 'live', doubt: 'none' });
    }
  };
  await Promise.all(Array.from({ length: SETTLE_CONCURRENCY }, worker));
}
