import type { Clock } from '../../app/core/clock';
import type { ProblemBody } from '../../app/http/problem-response';
import { ProblemTypes } from '../../app/http/problem-types';
import { loadSpec } from '../../app/openapi/spec';
import { dereference } from '../../app/openapi/validator-spec';
import { schemaErrors } from '../support/openapi-conformance';
import type { Schema } from '../support/openapi-operations';
import { startTestApi, type TestApi } from '../support/test-app';

/** A clock that advances one second per call, so creation order is unambiguous. */
function steppingClock(start = Date.parse('2026-02-01T00:00:00Z')): Clock {
  let t = start;
  return { now: () => new Date((t += 1000)) };
}

const itemSchema = (
  dereference(loadSpec()) as unknown as { components: { schemas: { Item: Schema } } }
).components.schemas.Item;

interface Exported {
  id: string;
  name: string;
  status: string;
}

let t: TestApi;
const ITEMS = 250; // three store pages of at most 100

beforeAll(async () => {
  t = await startTestApi({ clock: steppingClock() });
  for (let i = 0; i < ITEMS; i++) {
    const res = await t.api.post('/v1/items', {
      name: `item-${i}`,
      status: i % 5 === 0 ? 'archived' : 'active',
      tags: ['export'],
    });
    expect(res.status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await t.close();
});

function lines(text: string): Exported[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Exported);
}

describe('GET /v1/items/export', () => {
  it('answers every item, newest first, one Item per line, as NDJSON', async () => {
    const res = await t.api.get('/v1/items/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const items = lines(res.text);
    expect(items).toHaveLength(ITEMS);
    expect(items.map((i) => i.name)).toEqual(
      Array.from({ length: ITEMS }, (_, i) => `item-${ITEMS - 1 - i}`),
    );
    expect(new Set(items.map((i) => i.id)).size).toBe(ITEMS);
    for (const item of items.slice(0, 5)) expect(schemaErrors(itemSchema, item)).toEqual([]);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('filters by status', async () => {
    const res = await t.api.get('/v1/items/export?status=archived');
    expect(res.status).toBe(200);
    const items = lines(res.text);
    expect(items).toHaveLength(ITEMS / 5);
    expect(items.every((i) => i.status === 'archived')).toBe(true);
    expect(items[0]?.name).toBe('item-245');
  });

  it('is readable anonymously, as the list is', async () => {
    const res = await t.api.anonymous.get('/v1/items/export?status=archived');
    expect(res.status).toBe(200);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await t.api.head('/v1/items/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.text).toBe('');
  });

  it('refuses an unknown status with a validation problem', async () => {
    const res = await t.api.get('/v1/items/export?status=lost');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as ProblemBody).type).toBe(ProblemTypes.validation.type);
  });

  it('answers an empty body when nothing matches', async () => {
    const empty = await startTestApi({ transport: t.kind });
    try {
      const res = await empty.api.get('/v1/items/export');
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    } finally {
      await empty.close();
    }
  });

  it('needs a token when AUTH_ANONYMOUS_READS=false, as the list does', async () => {
    const strict = await startTestApi({ store: t.store, env: { AUTH_ANONYMOUS_READS: 'false' } });
    try {
      expect((await strict.api.anonymous.get('/v1/items/export')).status).toBe(401);
      expect((await strict.api.get('/v1/items/export?status=archived')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
