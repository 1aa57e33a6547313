import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListCursorCodec } from '../app/resources/list-cursor';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../app/storage/dynamo-client';
import { EmbeddedStoreLockedError, startEmbeddedDynamo } from '../app/storage/embedded-dynamo';

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

/** A port some other server holds, as another `npm run dev` would. */
async function occupiedPort(): Promise<{ port: number; holder: Server }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  return { port: (holder.address() as AddressInfo).port, holder };
}

/**
 * `npm run dev` itself (npm, tsx watch, server.ts), in a process group of its own so that it
 * can be stopped whole; its output collected, stdin open for the watcher's "press Enter".
 */
function npmRunDev(env: Record<string, string>) {
  const child = spawn('npm', ['run', 'dev'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.filter((x) => x.pattern.test(output))) w.resolve();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => output,
    /** Resolves once the output so far matches; rejects if npm run dev ends first. */
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(output)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`npm run dev exited ${code}: ${output}`)));
      }),
    stop: async () => {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
    },
  };
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

  it('refuses to start on bad configuration, naming the variable and what it accepts', async () => {
    const { code, stderr } = await runToExit({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Invalid configuration:\n  - PORT must be an integer from 0 to 65535, got "eighty"',
    );
  });

  it('names PORT as the fix when the port is taken, and exits 1', async () => {
    const { port, holder } = await occupiedPort();
    try {
      const { code, stderr } = await runToExit({ PORT: String(port), DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `Port ${port} is in use (another \`npm run dev\`?). Stop that process or choose ` +
          `another port: PORT=${port + 1} npm run dev`,
      );
    } finally {
      holder.close();
    }
  });

  it('refuses a DATA_DIR another server holds, saying what to do, and exits 1', async () => {
    const running = await startServer({ DATA_DIR: dataDir });
    try {
      const { code, stderr } = await runToExit({ PORT: '0', DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `DATA_DIR ${dataDir} is in use by another server (npm run dev or npm run dev:lambda). ` +
          `Stop it, or give this one its own directory: DATA_DIR=${dataDir}/dev npm run dev`,
      );
      // The first one goes on serving.
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    }
  });
});

describe('npm run dev (tsx watch) after a failed start', () => {
  // tsx watch outlives a child that exits: it reruns it on a file change or Enter, with the
  // environment it was started with. The last line says which of those helps.
  let devDataDir: string;
  beforeAll(() => {
    devDataDir = mkdtempSync(path.join(tmpdir(), 'elapi-dev-'));
  });
  afterAll(() => {
    rmSync(devDataDir, { recursive: true, force: true });
  });

  it('on bad configuration, says that only a new start reads the fixed variable', async () => {
    const dev = npmRunDev({ PORT: 'abc', DATA_DIR: devDataDir });
    try {
      await dev.waitFor(/press Ctrl\+C and run it again with the fix\.\n/);
      expect(dev.output()).toContain(
        'Invalid configuration:\n  - PORT must be an integer from 0 to 65535, got "abc"\n' +
          'npm run dev keeps watching, but reads variables only when it starts: ' +
          'press Ctrl+C and run it again with the fix.\n',
      );
      expect(dev.child.exitCode).toBeNull(); // the watcher waits, as the line says
    } finally {
      await dev.stop();
    }
  });

  it('on a busy port, starts once the port is free and Enter is pressed, as it says', async () => {
    const { port, holder } = await occupiedPort();
    const dev = npmRunDev({ PORT: String(port), DATA_DIR: devDataDir });
    try {
      await dev.waitFor(/press Enter \(or save any file\) to start again/);
      expect(dev.output()).toContain(
        `Port ${port} is in use (another \`npm run dev\`?). Stop that process or choose ` +
          `another port: PORT=${port + 1} npm run dev\nnpm run dev keeps watching: once the ` +
          'other server has stopped, press Enter (or save any file) to start again',
      );
      await new Promise((resolve) => holder.close(resolve));
      dev.child.stdin.write('\n');
      await dev.waitFor(new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`));
    } finally {
      holder.close();
      await dev.stop();
    }
  });
});

describe('the embedded store on a data directory (app/storage/embedded-dynamo.ts)', () => {
  it('refuses a directory another store has open, by name, instead of failing later', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'elapi-lock-'));
    const first = await startEmbeddedDynamo({ path: dir });
    try {
      // The first store answers (its database is open) before the second one tries.
      const client = createDynamoClient({
        region: 'us-east-1',
        endpoint: first.endpoint,
        connectTimeoutMs: 1000,
        timeoutMs: 2000,
        maxAttempts: 1,
      });
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      client.destroy();
      const second = startEmbeddedDynamo({ path: dir });
      await expect(second).rejects.toThrow(EmbeddedStoreLockedError);
      await expect(second).rejects.toMatchObject({ path: dir });
    } finally {
      await first.close();
    }
    // Once the first is closed, the directory opens again, data and all.
    const again = await startEmbeddedDynamo({ path: dir });
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
