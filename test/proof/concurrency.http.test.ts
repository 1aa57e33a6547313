/**
 * Proof: concurrent writers cannot lose updates or data. Requests are fired together with
 * Promise.all; on Express they overlap for real, on the Lambda transports one container
 * serialises its invocations (see lambdaTransport), and the properties must hold either way.
 */
import type { ProblemBody } from '../../app/http/problem-response';
import { ProblemTypes } from '../../app/http/problem-types';
import { startTestApi, type TestApi } from '../support/test-app';
import type { HttpResponse } from '../support/transport';

interface ItemBody {
  id: string;
  name: string;
  description?: string;
  price?: number;
  tags: string[];
  status: 'active' | 'archived';
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Page {
  items: ItemBody[];
  nextCursor?: string;
}

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

async function createItem(body: Record<string, unknown> = { name: 'contended' }) {
  const res = await t.api.post('/v1/items', body);
  expect(res.status).toBe(201);
  return res.body as ItemBody;
}

function statuses(responses: HttpResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

function expectPreconditionFailed(res: HttpResponse) {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((res.body as ProblemBody).type).toBe(ProblemTypes.preconditionFailed.type);
}

describe('concurrent conditional writes', () => {
  it('20 PUTs with the same If-Match: exactly one 200, nineteen 412, the winner is stored', async () => {
    const item = await createItem();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.api.put(`/v1/items/${item.id}`, { name: `writer ${i}` }, { 'If-Match': '"v1"' }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 412: 19 });
    const winner = responses.find((r) => r.status === 200);
    for (const loser of responses.filter((r) => r.status === 412)) expectPreconditionFailed(loser);
    expect(winner?.headers.etag).toBe('"v2"');
    const stored = await t.api.get(`/v1/items/${item.id}`);
    expect(stored.body).toEqual(winner?.body);
    expect((stored.body as ItemBody).version).toBe(2);
  });

  it('10 PATCHes with the same If-Match: exactly one 200, nine 412', async () => {
    const item = await createItem();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.api.patch(`/v1/items/${item.id}`, { tags: [`t${i}`] }, { 'If-Match': '"v1"' }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 412: 9 });
    const winner = responses.find((r) => r.status === 200)?.body as ItemBody;
    const stored = (await t.api.get(`/v1/items/${item.id}`)).body as ItemBody;
    expect(stored).toEqual(winner);
    expect(stored.tags).toHaveLength(1);
  });

  it('a DELETE racing 10 PUTs on the same ETag: exactly one of them wins', async () => {
    const item = await createItem();
    const [deletion, ...puts] = await Promise.all([
      t.api.delete(`/v1/items/${item.id}`, { 'If-Match': '"v1"' }),
      ...Array.from({ length: 10 }, (_, i) =>
        t.api.put(`/v1/items/${item.id}`, { name: `writer ${i}` }, { 'If-Match': '"v1"' }),
      ),
    ]);
    const all = [deletion as HttpResponse, ...puts];
    const wins = all.filter((r) => r.status === 200 || r.status === 204);
    expect(wins).toHaveLength(1);
    // A loser sees 412 while the item exists, 404 once the DELETE has won.
    for (const r of all.filter((x) => !wins.includes(x))) {
      expect([404, 412]).toContain(r.status);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const stored = await t.api.get(`/v1/items/${item.id}`);
    if (deletion?.status === 204) {
      expect(stored.status).toBe(404);
    } else {
      expect(stored.status).toBe(200);
      expect(stored.body).toEqual(wins[0]?.body);
    }
  });

  it('10 unconditional PATCHes of different fields: all applied, each saw its own version', async () => {
    const item = await createItem({ name: 'counter' });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.api.patch(`/v1/items/${item.id}`, i % 2 ? { description: `d${i}` } : { price: i }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 10 });
    // version = version + 1 is atomic: no two writers were handed the same ETag.
    const versions = responses.map((r) => (r.body as ItemBody).version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    expect(new Set(responses.map((r) => r.headers.etag)).size).toBe(10);
    const stored = (await t.api.get(`/v1/items/${item.id}`)).body as ItemBody;
    expect(stored.version).toBe(11);
    expect(stored).toEqual(responses.find((r) => r.headers.etag === '"v11"')?.body);
    // Each field holds the value of its last writer (highest version): no update was lost.
    const lastWriter = (field: 'description' | 'price') =>
      responses
        .map((r, i) => ({ i, version: (r.body as ItemBody).version }))
        .filter(({ i }) => (i % 2 === 1) === (field === 'description'))
        .sort((x, y) => y.version - x.version)[0]?.i;
    expect(stored.description).toBe(`d${lastWriter('description')}`);
    expect(stored.price).toBe(lastWriter('price'));
  });
});

describe('concurrent creates', () => {
  it('50 parallel POSTs: 50 distinct ids, each readable, each listed exactly once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.api.post('/v1/items', { name: `item ${i}` })),
    );
    expect(statuses(responses)).toEqual({ 201: 50 });
    const created = responses.map((r) => r.body as ItemBody);
    const ids = created.map((c) => c.id);
    expect(new Set(ids).size).toBe(50);

    const reads = await Promise.all(ids.map((id) => t.api.get(`/v1/items/${id}`)));
    expect(reads.map((r) => r.status)).toEqual(ids.map(() => 200));
    expect(reads.map((r) => r.body)).toEqual(created);

    // The table also holds the items of the tests above; every new one is listed exactly once.
    const listed = (await t.api.get('/v1/items?limit=100')).body as Page;
    expect(listed.nextCursor).toBeUndefined();
    const listedIds = listed.items.map((i) => i.id);
    expect(new Set(listedIds).size).toBe(listedIds.length);
    expect(listedIds.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());

    // Walking the cursor in pages of 10 meets the same items in the same order, newest first.
    const walked: ItemBody[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.api.get(`/v1/items?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      walked.push(...(page.body as Page).items);
      cursor = (page.body as Page).nextCursor;
    } while (cursor);
    expect(walked.map((i) => i.id)).toEqual(listedIds);
    const keys = walked.map((i) => `${i.createdAt}|${i.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });
});
