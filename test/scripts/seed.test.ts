import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { duration, rateInfo, sampleItem } from '../../scripts/seed';
import { startTestApi, type TestApi } from '../support/test-app';
import { defaultTestToken, testToken } from '../support/tokens';
import { runScript } from '../support/run-command';

describe('npm run seed (scripts/seed.ts)', () => {
  let t: TestApi;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    t = await startTestApi({ transport: 'express' });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('generates items the contract accepts', async () => {
    for (let i = 0; i < 40; i++) {
      expect((await t.api.post('/v1/items', sampleItem(i))).status).toBe(201);
    }
  });

  it('loads --count items through the API with a progress bar', async () => {
    const before = ((await t.api.get('/v1/items?limit=100')).body as { items: unknown[] }).items;
    const run = await runScript('scripts/seed.ts', [
      '--count',
      '25',
      '--url',
      base,
      '--token',
      await defaultTestToken(),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/25 items created/);
    expect(run.stdout + run.stderr).toMatch(/seeding \[.*\] \d+\/25 items/);
    const after = ((await t.api.get('/v1/items?limit=100')).body as { items: unknown[] }).items;
    expect(after.length - before.length).toBe(25);
  });

  it('refuses a bad --count with a message, not a stack trace', async () => {
    const run = await runScript('scripts/seed.ts', [
      '--count',
      'lots',
      '--url',
      base,
      '--token',
      'x',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--count lots/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/** A test app on a real port, with the given environment (e.g. a low rate limit). */
async function listening(env: Record<string, string>): Promise<{
  t: TestApi;
  base: string;
  close: () => Promise<void>;
}> {
  const t = await startTestApi({ transport: 'express', env });
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    t,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

const storedCount = async (t: TestApi) =>
  ((await t.api.get('/v1/items?limit=100')).body as { items: unknown[] }).items.length;

describe('npm run seed under a rate limit', () => {
  it('waits as long as the server says, shows the wait, and stores every item', async () => {
    // 5 writes per 2 s: 12 items need three windows.
    const s = await listening({ RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '2000' });
    try {
      const run = await runScript('scripts/seed.ts', [
        '--count',
        '12',
        '--url',
        s.base,
        '--token',
        await testToken({ subject: 'seed-patient' }),
      ]);
      expect(run.stderr).not.toMatch(/failed \(|gave up/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/12 items created .* waiting for the rate limit/);
      expect(run.stderr).toMatch(
        /seeding \[.*\] \d+\/12 items .*\| waiting \d+ s \(rate limited\)/,
      );
      expect(await storedCount(s.t)).toBe(12);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('gives up, saying why, when the wait would exceed --max-wait without progress', async () => {
    // 2 writes per minute: after the second create the run is told to wait about 60 s.
    const s = await listening({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' });
    try {
      const run = await runScript('scripts/seed.ts', [
        '--count',
        '6',
        '--max-wait',
        '5',
        '--concurrency',
        '1',
        '--url',
        s.base,
        '--token',
        await testToken({ subject: 'seed-impatient' }),
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /seed: gave up: the rate limit asks to wait [^(]+ \(.+\), which would leave [^:]+ without a created item: more than --max-wait \(5 s\)/,
      );
      expect(run.stderr).toMatch(/\n2 created, 4 not attempted in /);
      expect(await storedCount(s.t)).toBe(2);
    } finally {
      await s.close();
    }
  }, 30_000);
});

describe('rateInfo (what a response says about the budget)', () => {
  const h = (init: Record<string, string>) => new Headers(init);

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(rateInfo(h({ 'retry-after': '23' })).retryAfterMs).toBe(23_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(rateInfo(h({ 'retry-after': 'Thu, 01 Jan 2026 00:01:30 GMT' }), now).retryAfterMs).toBe(
      90_000,
    );
    expect(rateInfo(h({ 'retry-after': 'soon' })).retryAfterMs).toBeUndefined();
  });

  it('reads the RateLimit headers of IETF drafts 6, 7 and 8', () => {
    expect(
      rateInfo(
        h({ ratelimit: 'limit=120, remaining=0, reset=23', 'ratelimit-policy': '120;w=60' }),
      ),
    ).toEqual({ remaining: 0, resetMs: 23_000, limit: 120, windowMs: 60_000 });
    expect(
      rateInfo(
        h({ ratelimit: '"calls"; r=4; t=9', 'ratelimit-policy': '"calls"; q=40; w=30; pk=:x:' }),
      ),
    ).toEqual({ remaining: 4, resetMs: 9_000, limit: 40, windowMs: 30_000 });
    expect(rateInfo(h({ 'ratelimit-remaining': '0', 'ratelimit-reset': '7' }))).toEqual({
      remaining: 0,
      resetMs: 7_000,
    });
  });

  it('formats waits for the progress bar', () => {
    expect(duration(22_001)).toBe('23 s');
    expect(duration(250_000)).toBe('4 min 10 s');
    expect(duration(7_500_000)).toBe('2 h 5 min');
  });
});
