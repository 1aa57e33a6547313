import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type autocannon from 'autocannon';
import { Connection } from '../../scripts/load/connection';
import { parseMix } from '../../scripts/load/mix';
import { parseOptions, type LoadOptions } from '../../scripts/load/options';
import { RunState } from '../../scripts/load/run-state';
import { settleCreates } from '../../scripts/load/settle';
import { summarize } from '../../scripts/load/summary';
import { verify } from '../../scripts/load/verify';
import { startTestApi, type TestApi } from '../support/test-app';
import { defaultTestToken } from '../support/tokens';
import { runScript } from '../support/run-command';

/** Sends a request a Connection built, as autocannon would, without telling the Connection. */
async function send(base: string, request: autocannon.Request): Promise<Response> {
  return fetch(`${base}${request.path}`, {
    method: request.method,
    headers: request.headers as Record<string, string>,
    body: request.body as string,
  });
}

/** What the summary needs of autocannon's result, for a run with no requests of its own. */
const emptyResult = {
  duration: 1,
  requests: { total: 0 },
  errors: 0,
  timeouts: 0,
  statusCodeStats: {},
  '2xx': 0,
  '3xx': 0,
  '4xx': 0,
  '5xx': 0,
} as unknown as autocannon.Result;

const template = { method: 'GET', path: '/', headers: {} } as autocannon.Request;

describe('npm run load (scripts/load.ts): creates left without an answer', () => {
  let t: TestApi;
  let server: Server;
  let base: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestApi({ transport: 'express' });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = await defaultTestToken();
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const named = async (name: string) =>
    (
      (await t.api.get('/v1/items?limit=100')).body as { items: { id: string; name: string }[] }
    ).items.filter((item) => item.name === name);

  it('settles creates cut off by the end of the run, landed or not, and says so', async () => {
    const run = new RunState(new URL(base), token, parseMix('create=1'));
    const [c0, c1] = [new Connection(0, run), new Connection(1, run)];
    const landed = c0.next({ ...template });
    const lost = c1.next({ ...template });
    const nameOf = (r: autocannon.Request) =>
      (JSON.parse(r.body as string) as { name: string }).name;
    // One create reaches the server, the other never leaves; neither answer reaches its connection.
    const first = await send(base, landed);
    expect(first.status).toBe(201);
    const firstId = ((await first.json()) as { id: string }).id;
    expect(await named(nameOf(lost))).toHaveLength(0);

    // The run stops with both in flight (autocannon drops the connections).
    c0.finish();
    c1.finish();
    expect(run.unsettledCreates.map((c) => c.cause)).toEqual(['cut off', 'cut off']);
    expect(run.ledger).toHaveLength(0);

    await settleCreates(run, () => undefined);
    // The landed create is the same item (no duplicate); the lost one exists now.
    expect(run.unsettledCreates).toHaveLength(0);
    expect(run.unknownCreates).toBe(0);
    expect(run.settledCreates).toEqual({ 'cut off': 2, 'no answer': 0 });
    expect(await named(nameOf(landed))).toEqual([expect.objectContaining({ id: firstId })]);
    expect(await named(nameOf(lost))).toHaveLength(1);
    expect(run.ledger.map((item) => item.id).sort()).toEqual(
      [firstId, (await named(nameOf(lost)))[0]?.id].sort(),
    );

    // Both are read back by the lost-writes check, and the summary says what happened.
    const v = await verify(run, () => undefined);
    expect(v).toMatchObject({ checked: 2, live: 2, missing: [], failed: [] });
    const options = parseOptions(['--url', base, '--mix', 'create=1']) as LoadOptions;
    const { lines, ok } = summarize(options, run, emptyResult, v, false);
    const text = lines.join('\n');
    expect(text).toMatch(/items\s+2 created, 0 deleted\n/);
    expect(text).toMatch(
      /of which 2 creates had no answer during the run \(2 in flight when the run stopped\), settled afterwards by replaying their Idempotency-Key/,
    );
    expect(text).not.toMatch(/unknown outcome/);
    expect(ok).toBe(true);
  });

  it('counts a create as of unknown outcome only when a replay cannot settle it', async () => {
    const run = new RunState(new URL(base), token, parseMix('create=1'));
    const conn = new Connection(0, run);
    const request = conn.next({ ...template });
    // The same key with another body is refused (422): the replay settles nothing.
    const other = { ...request, body: JSON.stringify({ name: 'another body', tags: ['load'] }) };
    expect((await send(base, other)).status).toBe(201);
    conn.finish();
    await settleCreates(run, () => undefined);
    expect(run.ledger).toHaveLength(0);
    expect(run.unknownCreates).toBe(1);
    const v = await verify(run, () => undefined);
    const options = parseOptions(['--url', base]) as LoadOptions;
    expect(summarize(options, run, emptyResult, v, false).lines.join('\n')).toMatch(
      /and 1 creates with unknown outcome: no usable answer, even to a replay with their Idempotency-Key; they may exist on the server and are not checked/,
    );
  });

  it('a real run ends with every create settled and counted', async () => {
    const run = await runScript('scripts/load.ts', [
      '--url',
      base,
      '--duration',
      '2',
      '--connections',
      '8',
      '--token',
      token,
    ]);
    expect(run.stderr).not.toMatch(/warning/);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/creates with unknown outcome/);
    expect(run.stdout).toMatch(/result\s+OK/);
    // Every item counted is a create answered 201 during the run or one settled afterwards.
    const answered = Number(/create .* 201×(\d+)/.exec(run.stdout)?.[1]);
    const settled = Number(/of which (\d+) creates had no answer/.exec(run.stdout)?.[1] ?? 0);
    const created = Number(/items\s+(\d+) created, \d+ deleted/.exec(run.stdout)?.[1]);
    expect(created).toBe(answered + settled);
  }, 60_000);
});
