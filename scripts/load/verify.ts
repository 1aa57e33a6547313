/**
 * The lost-writes check: after the run, every item this run created is read back and compared
 * with the last acknowledged write.
 */
import { authHeaders, describeFetchError, endpoint, REQUEST_TIMEOUT_S } from './http';
import type { RunState, Tracked } from './run-state';

const VERIFY_CONCURRENCY = 16;
const VERIFY_DEADLINE_MS = 120_000;

export interface Verification {
  checked: number;
  live: number;
  deleted: number;
  inDoubt: number;
  /** Live items read back whose ETag was not compared (a write with an unknown outcome). */
  etagUnchecked: number;
  missing: string[];
  resurrected: string[];
  failed: string[];
  unverified: number;
}

export async function verify(run: RunState, log: (line: string) => void): Promise<Verification> {
  const v: Verification = {
    checked: 0,
    live: 0,
    deleted: 0,
    inDoubt: 0,
    etagUnchecked: 0,
    missing: [],
    resurrected: [],
    failed: [],
    unverified: 0,
  };
  const deadline = Date.now() + VERIFY_DEADLINE_MS;
  const queue = [...run.ledger];
  let waitedForLimit = false;

  const readOnce = async (t: Tracked): Promise<{ status: number; etag: string | null }> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(endpoint(run.baseUrl, `/v1/items/${t.id}`), {
          headers: { accept: 'application/json', ...authHeaders(run.token) },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000),
        });
        await res.arrayBuffer();
        if (res.status === 429 && Date.now() < deadline) {
          const waitS = Math.min(60, Number(res.headers.get('retry-after')) || 1);
          if (!waitedForLimit) log(`check: rate limited; waiting ${waitS} s (Retry-After)`);
          waitedForLimit = true;
          await new Promise((r) => setTimeout(r, waitS * 1000));
          continue;
        }
        return { status: res.status, etag: res.headers.get('etag') };
      } catch (err) {
        if (attempt >= 3 || Date.now() >= deadline) throw err;
      }
    }
  };

  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      if (Date.now() >= deadline) {
        v.unverified++;
        continue;
      }
      let res: { status: number; etag: string | null };
      try {
        res = await readOnce(t);
      } catch (err) {
        v.failed.push(`${t.id}: ${describeFetchError(err)}`);
        continue;
      }
      v.checked++;
      if (res.status !== 200 && res.status !== 404) {
        if (res.status >= 500) run.status5xx++;
        v.failed.push(`${t.id}: GET answered ${res.status}`);
      } else if (t.state === 'live' && t.doubt === 'delete') {
        v.inDoubt++;
      } else if (t.state === 'deleted') {
        v.deleted++;
        if (res.status === 200) v.resurrected.push(t.id);
      } else {
        v.live++;
        if (t.doubt !== 'none' || t.etag === null) v.etagUnchecked++;
        if (res.status === 404) v.missing.push(t.id);
        else if (t.doubt === 'none' && t.etag !== null && res.etag !== t.etag) {
          run.etagFinding(t.id, res.etag, t.etag, 'at the end');
        }
      }
    }
  };
  await Promise.all(Array.from({ length: VERIFY_CONCURRENCY }, worker));
  return v;
}
