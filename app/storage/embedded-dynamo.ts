import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface EmbeddedDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * The data directory is open in another process: LevelDB lets one process at a time hold a
 * directory (its LOCK file). Another server on the same data, most likely.
 */
export class EmbeddedStoreLockedError extends Error {
  constructor(
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(
      `the embedded store at ${path} is in use by another process (LevelDB's LOCK file)`,
      options,
    );
    this.name = 'EmbeddedStoreLockedError';
  }
}

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the directory with dynalite's own LevelDB binding (`level`, resolved from dynalite)
 * and closes it again, so that a directory another process holds is refused here, by name.
 * dynalite itself opens its database in the background and swallows the failure: it would
 * start, then fail every request with "Database is closed".
 */
async function checkOpenable(location: string): Promise<void> {
  const { Level } = createRequire(require.resolve('dynalite'))('level') as {
    Level: new (location: string) => LevelDatabase;
  };
  const db = new Level(location);
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    // LEVEL_LOCKED: "IO error: lock <dir>/LOCK: Resource temporarily unavailable" (another
    // process), or "already held by process" (this one).
    if (cause?.code === 'LEVEL_LOCKED')
      throw new EmbeddedStoreLockedError(location, { cause: err });
    throw new Error(`cannot open the embedded store at ${location}: ${cause?.message ?? err}`, {
      cause: err,
    });
  }
  await db.close();
}

/**
 * Starts dynalite (a DynamoDB-compatible server) in this process on loopback. With `path`,
 * data is kept on disk (LevelDB) and survives restarts; without it, data lives in memory.
 * Rejects with EmbeddedStoreLockedError when another process has `path` open.
 */
export async function startEmbeddedDynamo(
  options: { path?: string; port?: number } = {},
): Promise<EmbeddedDynamo> {
  if (options.path) {
    mkdirSync(options.path, { recursive: true });
    await checkOpenable(options.path);
  }
  const server = dynalite({
    path: options.path,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
