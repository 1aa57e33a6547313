import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { lambdaContext } from './lambda-events';

/** A built Lambda bundle in a plain Node process of its own (bundle-runner.cjs). */
export interface BundleProcess {
  /** One invocation, as the runtime would make it: the handler's result, or its error. */
  invoke(event: unknown): Promise<{ result?: unknown; error?: string }>;
  /** Ends the process once the invocations sent have been answered. */
  close(): Promise<void>;
}

/**
 * Starts `file` (a bundle of lambda.ts) under exactly `env` (plus PATH): a fresh container,
 * invoked one event at a time, each answered on a line of its own.
 */
export function startBundleProcess(file: string, env: Record<string, string>): BundleProcess {
  const child = spawn(process.execPath, [path.join(__dirname, 'bundle-runner.cjs'), file], {
    env: { PATH: process.env.PATH, ...env },
  });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async invoke(event) {
      child.stdin.write(JSON.stringify({ event, context: lambdaContext() }) + '\n');
      const line = await answers.next();
      if (line.done) throw new Error('the bundle process ended without answering');
      return JSON.parse(line.value) as { result?: unknown; error?: string };
    },
    async close() {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
