import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sampleItem } from '../../scripts/seed';
import { startTestApi, type TestApi } from '../support/test-app';
import { defaultTestToken } from '../support/tokens';

const ROOT = path.resolve(__dirname, '..', '..');

function runSeed(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['scripts/seed.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

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
    const run = await runSeed([
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
    const run = await runSeed(['--count', 'lots', '--url', base, '--token', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--count lots/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
