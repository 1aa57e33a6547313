import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { runSmoke } from '../scripts/smoke';
import { startTestApi, type TestApi } from './support/test-app';
import { defaultTestToken } from './support/tokens';

describe('npm run smoke (scripts/smoke.ts) against the local server', () => {
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

  it('passes every step on a working API', async () => {
    const steps = await runSmoke(base, { token: await defaultTestToken() });
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(steps.length).toBeGreaterThanOrEqual(10);
  });

  it('reports failure when writes are refused (no token)', async () => {
    const steps = await runSmoke(base);
    expect(steps.find((s) => !s.ok)?.name).toMatch(/^POST \/v1\/items creates/);
  });

  it('reports failure when the API is not there', async () => {
    const steps = await runSmoke('http://127.0.0.1:9');
    expect(steps.some((s) => !s.ok)).toBe(true);
  });
});
