/**
 * `npm run dev:lambda`: the Lambda path, locally, with no Docker and no AWS (like
 * serverless-offline). A plain HTTP server on :3001 turns each request into an API Gateway
 * event (REST payload 1.0 by default; `--v2` for HTTP API 2.0), invokes the BUILT handler
 * (dist/lambda.js) with a realistic context, and writes the result back.
 *
 * `--stream` invokes `streamHandler` instead, as API Gateway REST in STREAM mode (and a Function
 * URL with RESPONSE_STREAM) would: the runtime's `awslambda` global is a stand-in following the
 * runtime interface client's contract (test/support/lambda-stream-runtime.ts), the prelude
 * becomes status and headers, and each body chunk goes to the client as it is written
 * (chunked), with backpressure; a client that disconnects ends the stream.
 *
 * Storage: the same embedded store as `npm run dev` (DATA_DIR, default .data), or
 * DYNAMODB_ENDPOINT when set. dynalite keeps its files locked, so run one of the two at a time
 * on one DATA_DIR (or point both at one endpoint): a DATA_DIR in use is refused, saying so.
 * Tokens: the same local key as `npm run dev`; a ready-to-use one is printed at start.
 *
 * `--bundle <file>` serves another build of the handler than dist/lambda.js.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { int, parseEnv } from '../app/config/fields';
import { loadOrCreateLocalSecret } from '../app/config/local-secret';
import { loadConfig } from '../app/config';
import {
  devToken,
  devTokenLines,
  launchCommand,
  listenFailure,
  startDataDirStore,
  startupFailureText,
  type LocalEntry,
} from '../entry/local';
import { ensureLocalTables } from '../entry/dynamo-stores';
import { clientOptionsFrom, createDynamoClient } from '../app/storage/dynamo-client';
import {
  httpV2Event,
  restV1Event,
  type EventInput,
  type LambdaHttpResult,
} from '../test/support/lambda-events';
import {
  setResponseHead,
  standInRuntime,
  streamToHttp,
} from '../test/support/lambda-stream-runtime';
import type { StreamingLambdaHandler } from '../lambda-adapter';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toInput(req: IncomingMessage, body: Buffer): EventInput {
  const [pathname, rawQuery] = (req.url ?? '/').split(/\?(.*)/s) as [string, string | undefined];
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    (headers[name] ??= []).push(req.rawHeaders[i + 1] as string);
  }
  const textual = /json|text|xml|form/.test(req.headers['content-type'] ?? '');
  return {
    method: req.method ?? 'GET',
    path: pathname,
    rawQuery,
    headers,
    body: body.length ? body : undefined,
    base64: body.length > 0 && !textual,
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    stage: '$default',
  };
}

function writeResult(res: ServerResponse, result: LambdaHttpResult): void {
  setResponseHead(res, result);
  res.end(Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8'));
}

const args = process.argv.slice(2);
const { values: flags } = parseArgs({
  args,
  options: {
    stream: { type: 'boolean', default: false },
    v2: { type: 'boolean', default: false },
    bundle: { type: 'string', default: path.resolve(__dirname, '..', 'dist', 'lambda.js') },
  },
  strict: false,
});

/** How its messages name it: `npm run dev:lambda -- --stream`, LAMBDA_PORT, .data/lambda. */
const entry: LocalEntry = {
  command: `${launchCommand('dev-lambda.ts', 'npm run dev:lambda')}${args.length ? ` -- ${args.join(' ')}` : ''}`,
  portVariable: 'LAMBDA_PORT',
  ownDataDir: 'lambda',
};

/** `dist/lambda.js` for a file under the working directory, else the absolute path. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

async function main(): Promise<void> {
  const stream = flags.stream === true;
  const useV2 = !stream && (flags.v2 === true || process.env.LAMBDA_EVENT === 'v2');
  if (stream && flags.v2) {
    console.error('--stream serves REST (STREAM mode) events: HTTP APIs cannot stream; drop --v2');
    process.exit(1);
  }
  const { LAMBDA_PORT: port } = parseEnv(
    z.object({ LAMBDA_PORT: z._default(int(0, 65535), 3001) }),
    process.env,
  );
  const config = loadConfig();
  let endpoint = config.storage.endpoint;
  let stopStore: () => Promise<void> = () => Promise.resolve();
  if (config.storage.kind === 'embedded') {
    const store = await startDataDirStore(config.storage.dataDir, entry);
    endpoint = store.endpoint;
    stopStore = () => store.close();
  }
  if (config.storage.kind !== 'aws') {
    const client = createDynamoClient(clientOptionsFrom(config, endpoint));
    await ensureLocalTables(client, config);
    client.destroy();
    process.env.DYNAMODB_ENDPOINT = endpoint;
  }
  // Tokens from `npm run token` work here too: the same local key as npm run dev.
  const keySource = ['JWT_SECRET', 'JWT_SECRET_ID', 'JWKS_URL', 'JWKS_URL_PARAM'];
  if (config.env !== 'production' && !keySource.some((name) => process.env[name])) {
    process.env.JWT_SECRET = loadOrCreateLocalSecret(config.storage.dataDir, 'jwt-secret');
  }
  // And cursors from one run stay valid in the next, as with npm run dev.
  if (config.env !== 'production' && !process.env.CURSOR_SECRET && !process.env.CURSOR_SECRET_ID) {
    process.env.CURSOR_SECRET = loadOrCreateLocalSecret(config.storage.dataDir, 'cursor-secret');
  }

  // The token npm run dev would print: the handler reads the same key from JWT_SECRET.
  const token = await devToken(loadConfig());

  // Loaded only now, so its init sees the store's endpoint, exactly as Lambda's init would.
  const bundle = path.resolve(String(flags.bundle));
  // Inside Lambda the runtime defines this global before loading the bundle; so does this.
  if (stream) (globalThis as { awslambda?: unknown }).awslambda = standInRuntime;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle is CommonJS, loaded at run time
  const { handler, streamHandler } = require(bundle) as {
    handler: Handler;
    streamHandler: StreamingLambdaHandler;
  };
  const timeoutMs = config.lambdaTimeoutS * 1000;

  // One invocation at a time, as in one Lambda container.
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    queue = queue.then(async () => {
      try {
        const input = toInput(req, await readBody(req));
        const event = useV2 ? httpV2Event(input) : restV1Event(input);
        const deadline = Date.now() + timeoutMs;
        const context = {
          awsRequestId: randomUUID(),
          functionName: 'express-lambda-api-local',
          memoryLimitInMB: '1024',
          getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        };
        if (stream) {
          // The handler reads only these fields of the context.
          await streamHandler(event, streamToHttp(res), context as never);
          return;
        }
        writeResult(res, (await handler(event, context)) as LambdaHttpResult);
      } catch (err) {
        console.error('invocation failed:', err);
        if (res.headersSent) {
          res.destroy(); // mid-stream: the client sees the body cut short, as through AWS
          return;
        }
        res.statusCode = 502;
        res.setHeader('content-type', 'application/problem+json');
        res.end(
          JSON.stringify({ type: 'about:blank', title: 'Lambda invocation failed', status: 502 }),
        );
      }
    });
  });
  server.listen(port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err) => reject(listenFailure(err, { host: config.host, port }, entry)));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${config.host}:${actualPort}`;
  const lines = [
    `Lambda handler (${shortPath(bundle)}) on ${url}`,
    `events: ${useV2 ? 'HTTP API payload 2.0' : 'API Gateway REST payload 1.0'}` +
      `${stream ? ', streamed (streamHandler, as REST in STREAM mode)' : ''}`,
    `store: ${endpoint ?? `AWS DynamoDB in ${config.storage.region}`}`,
    ...(token ? devTokenLines(url, token) : []),
  ];
  console.log(`\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  const stop = () => server.close(() => void stopStore().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Bad configuration, a busy port or DATA_DIR: our message, what to do, and exit 1.
main().catch((err: unknown) => {
  console.error(startupFailureText(err));
  process.exit(1);
});
