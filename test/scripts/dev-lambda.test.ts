import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedDynamo } from '../../app/storage/embedded-dynamo';

/**
 * `npm run dev:lambda` (scripts/dev-lambda.ts) as a process. It serves the handler it is
 * given with `--bundle`: here lambda.ts itself, loaded from source (tsx runs the script), so
 * that no test depends on, or races with, the dist/ that test/build rebuilds.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
let stub: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'elapi-dev-lambda-'));
  stub = path.join(dir, 'lambda-from-source.cjs');
  writeFileSync(
    stub,
    `module.exports = require(${JSON.stringify(path.join(ROOT, 'lambda.ts'))});\n`,
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function devLambda(env: Record<string, string>, args: string[] = []) {
  const child = spawn(TSX, ['scripts/dev-lambda.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', LAMBDA_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const ready = new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /on (http:\/\/\S+)/.exec(stdout)?.[1];
      const token = /export TOKEN=(\S+)/.exec(stdout)?.[1];
      if (url && token) resolve({ url, token });
    });
    void exited.then(({ code }) => reject(new Error(`dev:lambda exited ${code}: ${stderr}`)));
  });
  ready.catch(() => undefined); // awaited only by the tests of a start that succeeds
  return { child, exited, ready };
}

describe('npm run dev:lambda', () => {
  it('prints a dev token the handler accepts, as npm run dev does', async () => {
    const run = devLambda({ DATA_DIR: path.join(dir, 'token') }, ['--bundle', stub]);
    try {
      const { url, token } = await run.ready;
      const post = (headers: Record<string, string>) =>
        fetch(`${url}/v1/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ name: 'via Lambda' }),
        });
      expect((await post({ authorization: `Bearer ${token}` })).status).toBe(201);
      expect((await post({})).status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
    }
    const { code, stdout } = await run.exited;
    expect(code).toBe(0);
    // Every write scope the contract declares: items:write, and each generated resource's.
    expect(stdout).toMatch(
      /dev token \(scopes (\S+ )*items:write( \S+)*, 12 h; new one: npm run token\):/,
    );
    expect(stdout).toMatch(/try: curl -X POST \S+\/v1\/items -H "Authorization: Bearer \$TOKEN"/);
  });

  it('refuses a DATA_DIR another server holds, saying what to do, and exits 1', async () => {
    const dataDir = path.join(dir, 'held');
    const holder = await startEmbeddedDynamo({ path: path.join(dataDir, 'dynamodb') });
    try {
      const { code, stderr } = await devLambda({ DATA_DIR: dataDir }).exited;
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `DATA_DIR ${dataDir} is in use by another server (npm run dev or npm run dev:lambda). ` +
          `Stop it, or give this one its own directory: ` +
          `DATA_DIR=${dataDir}/lambda npm run dev:lambda`,
      );
    } finally {
      await holder.close();
    }
  });

  it('names LAMBDA_PORT as the fix when the port is taken, and exits 1', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const run = devLambda({ DATA_DIR: path.join(dir, 'port'), LAMBDA_PORT: String(port) }, [
        '--bundle',
        stub,
      ]);
      const { code, stderr } = await run.exited;
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `Port ${port} is in use (another \`npm run dev:lambda -- --bundle ${stub}\`?). Stop ` +
          `that process or choose another port: ` +
          `LAMBDA_PORT=${port + 1} npm run dev:lambda -- --bundle ${stub}`,
      );
    } finally {
      holder.close();
    }
  });

  it('says what LAMBDA_PORT accepts', async () => {
    const { code, stderr } = await devLambda({ LAMBDA_PORT: 'abc' }).exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Invalid configuration:\n  - LAMBDA_PORT must be an integer from 0 to 65535, got "abc"',
    );
  });
});
