import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListCursorCodec } from '../app/items/list-cursor';

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

/** Resolves with what the server sent once it closes the socket (not us). */
function closedBy(socket: Socket): Promise<string> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined); // a reset is a close too
  return new Promise((resolve) => socket.once('close', () => resolve(received)));
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
    await fetch(`${first.url}/v1/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
      body: JSON.stringify({ name: 'second' }),
    });
    const page = (await (await fetch(`${first.url}/v1/items?limit=1`)).json()) as {
      nextCursor: string;
    };
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startServer({ DATA_DIR: dataDir });
    try {
      const read = await fetch(`${second.url}/v1/items/${id}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('survives restarts');
      // The cursor key was generated into DATA_DIR (never a constant), so cursors survive a
      // restart, and one signed with the key that used to ship in the source is refused.
      expect(existsSync(path.join(dataDir, 'cursor-secret'))).toBe(true);
      expect((await fetch(`${second.url}/v1/items?limit=1&cursor=${page.nextCursor}`)).status).toBe(
        200,
      );
      const forged = new ListCursorCodec('dev-only-cursor-secret-change-me-in-production').encode(
        { createdAt: new Date().toISOString(), id },
        undefined,
      );
      expect((await fetch(`${second.url}/v1/items?cursor=${forged}`)).status).toBe(400);
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

  it('closes connections that never finish their headers, and idle ones, within the timeout', async () => {
    // Before the timeouts were given at creation, such sockets lived until Node's default
    // 30 s check: past this test's own timeout.
    const server = await startServer({
      DATA_DIR: dataDir,
      HTTP_HEADERS_TIMEOUT_MS: '500',
      HTTP_REQUEST_TIMEOUT_MS: '1000',
    });
    try {
      const { port, hostname } = new URL(server.url);
      const partial = connect(Number(port), hostname);
      partial.write('GET /health HTTP/1.1\r\nHost: localhost\r\n'); // no blank line: unfinished
      const idle = connect(Number(port), hostname);
      const [partialReply] = await Promise.all([closedBy(partial), closedBy(idle)]);
      expect(partialReply).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 15_000);

  it('refuses connections past HTTP_MAX_CONNECTIONS at once', async () => {
    const server = await startServer({ DATA_DIR: dataDir, HTTP_MAX_CONNECTIONS: '2' });
    try {
      const { port, hostname } = new URL(server.url);
      const open = [connect(Number(port), hostname), connect(Number(port), hostname)];
      await Promise.all(open.map((s) => new Promise((r) => s.once('connect', r))));
      await new Promise((r) => setTimeout(r, 100)); // let the server accept both
      const third = connect(Number(port), hostname);
      await closedBy(third);
      expect(open.map((s) => s.readyState)).toEqual(['open', 'open']);
      for (const s of open) s.destroy();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const { code, stderr } = await runToExit({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
