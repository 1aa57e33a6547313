/** Target server: an existing one, or one spawned for this run. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeFetchError, endpoint } from './http';
import { UsageError } from './usage-error';

/** The repository root, where server.ts lives. */
const ROOT = path.resolve(__dirname, '..', '..');

export interface Target {
  baseUrl: URL;
  dataDir?: string;
  close(): Promise<void>;
}

export async function checkReachable(baseUrl: URL, spawned: boolean): Promise<void> {
  try {
    const res = await fetch(endpoint(baseUrl, '/health'), { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
  } catch (err) {
    throw new UsageError(
      `No server answered at ${baseUrl.origin} (${describeFetchError(err)}).\n` +
        (spawned
          ? 'The spawned server did not answer.'
          : `Start it first with \`npm run dev\` (or pass --url, or --spawn to start one for this run).`),
    );
  }
}

/** server.ts in a child process (not in this one, so it does not share the load generator's CPU). */
export async function spawnServer(): Promise<Target> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'load-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // The per-caller write budget would turn a load run into a 429 test.
      RATE_LIMIT_MAX: process.env.RATE_LIMIT_MAX ?? '1000000000',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('no "listening on" within 30 s')), 30_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (https?:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server.ts exited with ${code}:\n${out.slice(-2000)}`));
      });
    });
    // Keep draining its output so a chatty server never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk}`));
    return { baseUrl: new URL(url), dataDir, close };
  } catch (err) {
    await close();
    throw new UsageError(`--spawn: ${err instanceof Error ? err.message : String(err)}`);
  }
}
