import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mintToken } from '../../app/auth/mint-token';
import { buildAuthorizer, RUNTIME_PROVIDED_CLIENTS, type BuildResult } from '../../scripts/build';

/**
 * dist/authorizer.js as it ships (scripts/build.ts, `buildAuthorizer`), loaded by plain Node:
 * it answers API Gateway TOKEN events, and requires nothing but Node built-ins and the SDK
 * clients the Lambda runtime provides.
 */
const SECRET = 'bundle-authorizer-secret-0123456789abcdef';
const ISSUER = 'https://express-lambda-api/bundle';
const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/v1/items';

let outDir: string;
let built: BuildResult;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'elapi-authorizer-'));
  built = await buildAuthorizer(path.join(outDir, 'authorizer.js'));
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Invokes the bundle's handler in a child process; returns its result or error message. */
async function invoke(authorizationToken: string): Promise<{ result?: unknown; error?: string }> {
  const script = `
    const { handler } = require(${JSON.stringify(built.file)});
    handler(${JSON.stringify({ type: 'TOKEN', authorizationToken, methodArn: METHOD_ARN })}).then(
      (result) => console.log(JSON.stringify({ result })),
      (err) => console.log(JSON.stringify({ error: err.message })),
    );`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH, JWT_SECRET: SECRET, JWT_ISSUER: ISSUER, LOG_LEVEL: 'silent' },
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as {
    result?: unknown;
    error?: string;
  };
}

it('allows a valid token and refuses a bad one with "Unauthorized"', async () => {
  const mint = (secret: string) =>
    mintToken({
      secret,
      issuer: ISSUER,
      subject: 'bundle-user',
      scopes: ['items:write'],
      expiresIn: '5m',
    });
  const token = await mint(SECRET);
  expect(await invoke(`Bearer ${token}`)).toEqual({
    result: expect.objectContaining({
      principalId: 'bundle-user',
      context: { sub: 'bundle-user', scope: 'items:write' },
    }),
  });
  const forged = await mint('another-key-0123456789abcdef0123456789');
  expect(await invoke(`Bearer ${forged}`)).toEqual({ error: 'Unauthorized' });
});

it('requires only Node built-ins and the runtime-provided SDK clients', () => {
  const code = readFileSync(built.file, 'utf8');
  const requires = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  const builtins = new Set(builtinModules);
  const others = [...requires].filter(
    (r) =>
      !builtins.has((r as string).replace(/^node:/, '')) &&
      !(RUNTIME_PROVIDED_CLIENTS as readonly string[]).includes(r as string),
  );
  expect(others).toEqual([]);
  expect(built.bytes).toBeLessThan(512 * 1024);
});
