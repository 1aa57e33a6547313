import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** End to end: the real `server.ts` process on the embedded store, as `npm run dev` runs it. */
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Running {
  child: ChildProcess;
  url: string;
  /** The dev token the server printed. */
  token: string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(TSX, ['server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /export TOKEN=(\S+)/.exec(out)?.[1];
      if (url && token) resolve({ child, url, token, exited });
    });
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

/** `npm run -s token` with this DATA_DIR: the printed token. */
function mint(dataDir: string, ...args: string[]): string {
  const run = spawnSync(TSX, ['scripts/token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`token exited ${run.status}: ${run.stderr}`);
  return run.stdout.trim();
}

function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(TSX, ['server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('server.ts', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'elapi-server-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves CRUD on the embedded store, stops cleanly on SIGTERM and keeps data across restarts', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    const created = await fetch(`${first.url}/v1/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
      body: JSON.stringify({ name: 'survives restarts' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startServer({ DATA_DIR: dataDir });
    try {
      const read = await fetch(`${second.url}/v1/items/${id}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('survives restarts');
      // npm run token signs with the key the first run generated into DATA_DIR.
      const post = async (token: string) =>
        fetch(`${second.url}/v1/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ name: 'minted' }),
        });
      expect((await post(mint(dataDir))).status).toBe(201);
      expect((await post(mint(dataDir, '--scope', ''))).status).toBe(403);
      expect((await post(mint(mkdtempSync(path.join(tmpdir(), 'elapi-other-'))))).status).toBe(401);
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const { code, stderr } = await runToExit({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
