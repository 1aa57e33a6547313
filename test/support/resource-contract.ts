import type { ProblemBody } from '../../app/http/problem-response';
import { writeScope } from '../../app/resources/resource-definition';
import { startTestApi, type TestApi } from './test-app';
import { testToken } from './tokens';
import type { HttpResponse } from './transport';

/** What a generated resource's contract test knows of it (see scripts/new-resource/files.ts). */
export interface ResourceContractCase {
  name: string;
  /** A valid create body, and another valid body for replace and patch. */
  created: Record<string, unknown>;
  replaced: Record<string, unknown>;
  /** Optional fields a merge patch may remove with null. */
  removable: string[];
  /** Bodies the contract refuses, each with what is wrong with it. */
  invalid: [string, unknown][];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const PROBLEMS = 'https://express-lambda-api.dev/problems/';

function expectProblem(res: HttpResponse, status: number, type: string): ProblemBody {
  expect({ status: res.status, text: res.text }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.body as ProblemBody;
  expect(problem.type).toBe(`${PROBLEMS}${type}`);
  expect(problem.requestId).toBe(res.headers['x-request-id']);
  return problem;
}

/**
 * The HTTP contract every generated resource keeps, run by its `*.http.test.ts` on the
 * transport the parity suite selects (Express, and Lambda events of every front door): the
 * items routes' behaviour, on `/v1/<name>`.
 */
export function describeResourceContract(c: ResourceContractCase): void {
  const base = `/v1/${c.name}`;
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (body = c.created) => {
    const res = await t.api.post(base, body);
    expect({ status: res.status, text: res.text }).toMatchObject({ status: 201 });
    return res;
  };

  describe(`${base}: the contract of a generated resource`, () => {
    it('creates with a server id, Location and a strong ETag, and reads it back', async () => {
      const res = await create();
      const record = res.body as { id: string; version: number; createdAt: string };
      expect(record).toMatchObject({ ...c.created, version: 1 });
      expect(record.id).toMatch(UUID);
      expect(res.headers.location).toBe(`${base}/${record.id}`);
      expect(res.headers.etag).toBe('"v1"');
      const read = await t.api.get(`${base}/${record.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(record);
      const notModified = await t.api.get(`${base}/${record.id}`, { 'If-None-Match': '"v1"' });
      expect(notModified.status).toBe(304);
      expect((await t.api.head(`${base}/${record.id}`)).status).toBe(200);
    });

    it('lists newest first in cursor pages', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push(((await create()).body as { id: string }).id);
      const first = await t.api.get(`${base}?limit=2`);
      expect(first.status).toBe(200);
      const page = first.body as { items: { id: string }[]; nextCursor?: string };
      expect(page.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
      expect(page.nextCursor).toEqual(expect.any(String));
      const next = await t.api.get(
        `${base}?limit=2&cursor=${encodeURIComponent(page.nextCursor ?? '')}`,
      );
      expect((next.body as { items: { id: string }[] }).items[0]?.id).toBe(ids[0]);
      expectProblem(await t.api.get(`${base}?cursor=forged.cursor`), 400, 'invalid-cursor');
    });

    it('replaces and merge-patches, each adding 1 to the version, guarded by If-Match', async () => {
      const id = ((await create()).body as { id: string }).id;
      const replaced = await t.api.put(`${base}/${id}`, c.replaced, { 'If-Match': '"v1"' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ ...c.replaced, version: 2 });
      expect(replaced.headers.etag).toBe('"v2"');
      expectProblem(
        await t.api.put(`${base}/${id}`, c.replaced, { 'If-Match': '"v1"' }),
        412,
        'precondition-failed',
      );
      const patched = await t.api.patch(`${base}/${id}`, c.created);
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ ...c.created, version: 3 });
      if (c.removable.length > 0) {
        const removal = Object.fromEntries(c.removable.map((n) => [n, null]));
        const removed = await t.api.patch(`${base}/${id}`, removal);
        expect(removed.status).toBe(200);
        for (const n of c.removable) expect(removed.body).not.toHaveProperty(n);
      }
    });

    it('deletes, then answers 404', async () => {
      const id = ((await create()).body as { id: string }).id;
      expectProblem(
        await t.api.delete(`${base}/${id}`, { 'If-Match': '"v9"' }),
        412,
        'precondition-failed',
      );
      expect((await t.api.delete(`${base}/${id}`)).status).toBe(204);
      expectProblem(await t.api.get(`${base}/${id}`), 404, 'not-found');
      expectProblem(await t.api.delete(`${base}/${id}`), 404, 'not-found');
      expectProblem(await t.api.patch(`${base}/${MISSING_ID}`, c.created), 404, 'not-found');
    });

    it.each(c.invalid)('refuses a body with %s (400, nothing stored)', async (_what, body) => {
      const before = (await t.api.get(`${base}?limit=100`)).body as { items: unknown[] };
      expectProblem(
        await t.api.post(base, body as Record<string, unknown>),
        400,
        'validation-error',
      );
      const after = (await t.api.get(`${base}?limit=100`)).body as { items: unknown[] };
      expect(after.items.length).toBe(before.items.length);
    });

    it('refuses a malformed id and a malformed limit with 400', async () => {
      expectProblem(await t.api.get(`${base}/not-a-uuid`), 400, 'validation-error');
      expectProblem(await t.api.get(`${base}?limit=0`), 400, 'validation-error');
    });

    it(`needs a token with ${writeScope(c)} to write, and none to read`, async () => {
      const write = writeScope(c);
      expectProblem(await t.api.anonymous.post(base, c.created), 401, 'unauthorized');
      const other = await testToken({ scopes: ['items:write'] });
      const res = await t.api.post(base, c.created, { Authorization: `Bearer ${other}` });
      expectProblem(res, 403, 'forbidden');
      expect(res.headers['www-authenticate']).toContain(write);
      expect((await t.api.anonymous.get(base)).status).toBe(200);
    });
  });
}
