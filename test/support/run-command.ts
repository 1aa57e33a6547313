import { spawn } from 'node:child_process';
import path from 'node:path';

/** The repository root, where scripts run from. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** What a finished child process said. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` from the repository root to its exit, collecting its output. */
export function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  const child = spawn(command, args, { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Runs a script of this repository (`scripts/seed.ts`...) with tsx, as its npm script does. */
export function runScript(script: string, args: string[]): Promise<CommandResult> {
  return runCommand(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], {
    ...process.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
}
