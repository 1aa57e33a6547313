import type { Clock } from '../../app/core/clock';
import { startTestApi, type TestApi } from '../support/test-app';

interface Page {
  items: { id: string; name: string; status: string; createdAt: string }[];
  nextCursor?: string;
}

/** A clock that advances one second per call, so creation order is unambiguous. */
function steppingClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock {
  let t = start;
  return { now: () => new Date((t += 1000)) };
}

let t: TestApi;
const created: { id: string; name: string; status: string }[] = [];

beforeAll(async () => {
  t = await startTestApi({ clock: steppingClock() });
  for (let i = 0; i < 25; i++) {
    const status = i % 3 === 0 ? 'archived' : 'active';
    const res = await t.api.post('/v1/items', { name: `item-${i}`, status });
    expect(res.status).toBe(201);
    created.push(res.body as { id: string; name: string; status: string });
  }
});
afterAll(async () => {
  await t.close();
});

async function page(query: string): Promise<Page> {
  const res = await t.api.get(`/v1/items${query}`);
  expect(res.status).toBe(200);
  return res.body as Page;
}

async function walk(query: string, limit: number): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const sep = query ? '&' : '';
    const p = await page(`?limit=${limit}${sep}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    names.push(...p.items.map((i) => i.name));
    cursor = p.nextCursor;
    pages++;
  } while (cursor);
  return { names, pages };
}

describe('GET /v1/items', () => {
  it('lists newest first with the default limit of 20', async () => {
    const p = await page('');
    expect(p.items).toHaveLength(20);
    expect(p.items[0]?.name).toBe('item-24');
    expect(p.items[19]?.name).toBe('item-5');
    expect(p.nextCursor).toEqual(expect.any(String));
  });

  it('pages through everything exactly once, with no cursor on the last page', async () => {
    const { names, pages } = await walk('', 7);
    expect(names).toEqual(created.map((c) => c.name).reverse());
    expect(pages).toBe(4);
  });

  it('omits nextCursor when the page ends exactly at the last item', async () => {
    const { pages } = await walk('', 5);
    expect(pages).toBe(5);
  });

  it('filters by status, newest first, across pages', async () => {
    const { names } = await walk('status=archived', 3);
    const expected = created
      .filter((c) => c.status === 'archived')
      .map((c) => c.name)
      .reverse();
    expect(names).toEqual(expected);
    const active = await page('?status=active&limit=100');
    expect(active.items.every((i) => i.status === 'active')).toBe(true);
    expect(active.items).toHaveLength(25 - expected.length);
  });

  it.each(['0', '101', '-1', 'abc', '1.5', '99999999999999999999'])(
    'rejects limit=%s with 400',
    async (limit) => {
      const res = await t.api.get(`/v1/items?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    },
  );

  it('rejects repeated limit keys and unknown query parameters with 400', async () => {
    expect((await t.api.get('/v1/items?limit=1&limit=2')).status).toBe(400);
    expect((await t.api.get('/v1/items?colour=red')).status).toBe(400);
    expect((await t.api.get('/v1/items?status=deleted')).status).toBe(400);
  });

  describe('cursor', () => {
    let cursor: string;
    beforeAll(async () => {
      cursor = (await page('?limit=2')).nextCursor as string;
    });

    function expectInvalidCursor(res: { status: number; body: unknown }) {
      expect(res.status).toBe(400);
      expect((res.body as { type: string }).type).toMatch(/invalid-cursor|validation-error/);
    }

    it('rejects a tampered payload', async () => {
      const [body, sig] = cursor.split('.') as [string, string];
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      payload.c = '2020-01-01T00:00:00.000Z';
      const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;
      const res = await t.api.get(`/v1/items?cursor=${forged}`);
      expectInvalidCursor(res);
      expect((res.body as { type: string }).type).toMatch(/invalid-cursor$/);
    });

    it('rejects a tampered signature', async () => {
      const flipped = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
      expectInvalidCursor(await t.api.get(`/v1/items?cursor=${flipped}`));
    });

    it.each(['abc', 'a.b.c', '.', 'eyJ2IjoxfQ.', '%00', 'x'.repeat(1025)])(
      'rejects the malformed cursor %s',
      async (bad) => {
        expectInvalidCursor(await t.api.get(`/v1/items?cursor=${bad}`));
      },
    );

    it('rejects a cursor reused with another status filter', async () => {
      const res = await t.api.get(`/v1/items?status=active&cursor=${cursor}`);
      expectInvalidCursor(res);
      expect((res.body as { detail: string }).detail).toMatch(/status filter/);
    });

    it('continues after the cursor', async () => {
      const next = await page(`?limit=2&cursor=${cursor}`);
      expect(next.items.map((i) => i.name)).toEqual(['item-22', 'item-21']);
    });
  });
});
