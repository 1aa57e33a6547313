import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Express } from 'express';
import pino from 'pino';
import { createApp, type AppDeps } from '../../app/app';
import type { Clock } from '../../app/core/clock';
import { loadConfig, type Config } from '../../app/config';
import { createDynamoStores, ensureLocalTables } from '../../entry/dynamo-stores';
import { DynamoItemRepository } from '../../app/items/dynamo-item-repository';
import {
  clientOptionsFrom,
  createDynamoClient,
  documentClientFor,
} from '../../app/storage/dynamo-client';
import { defaultTestToken, TEST_JWT_SECRET } from './tokens';
import { startTestStore, type TestStore } from './store';
import {
  appInvocationFacts,
  appLambdaHandler,
  appStreamingHandler,
} from '../../entry/lambda-handler';
import { standInRuntime } from './lambda-stream-runtime';
import type { LambdaHandler, StreamingLambdaHandler } from '../../lambda-adapter';
import type { ItemRepository } from '../../app/items/item-repository';
import type { Router } from 'express';
import {
  expressTransport,
  isStreamingKind,
  lambdaTransport,
  selectedTransportKind,
  streamingTransport,
  type HttpRequest,
  type HttpResponse,
  type Transport,
  type TransportKind,
} from './transport';

/**
 * Test defaults: responses validated, limits high enough that no test meets a 429 by accident,
 * and a per-run token key (test/support/tokens.ts).
 */
const TEST_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  VALIDATE_RESPONSES: 'true',
  RATE_LIMIT_MAX: '100000',
  AUTH_FAILURE_LIMIT_MAX: '100000',
  CORS_ORIGINS: 'https://app.example.com',
  JWT_SECRET: TEST_JWT_SECRET,
  CURSOR_SECRET: 'test-cursor-key-for-this-suite-only-0123456789',
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ ...TEST_ENV, ...env });
}

type Body = HttpRequest['body'];
type Headers = Record<string, string>;

/**
 * Attaches `Authorization: Bearer <token with items:write>` to every request that does not set
 * its own Authorization header (an empty value means: send none, i.e. anonymous).
 */
export function withDefaultToken(transport: Transport): Transport {
  return async (req) => {
    const given = Object.entries(req.headers ?? {});
    const own = given.find(([name]) => name.toLowerCase() === 'authorization');
    const headers = Object.fromEntries(
      own === undefined
        ? [...given, ['Authorization', `Bearer ${await defaultTestToken()}`]]
        : given.filter(([name, value]) => !(name.toLowerCase() === 'authorization' && !value)),
    );
    return transport({ ...req, headers });
  };
}

/** A tiny client over a Transport, so tests read like the HTTP they exercise. */
export class ApiClient {
  constructor(readonly send: Transport) {}

  /** The same client without the default token (anonymous requests). */
  get anonymous(): ApiClient {
    return new ApiClient((req) =>
      this.send({ ...req, headers: { ...req.headers, Authorization: '' } }),
    );
  }

  get(path: string, headers?: Headers): Promise<HttpResponse> {
    return this.send({ method: 'GET', path, headers });
  }
  head(path: string, headers?: Headers): Promise<HttpResponse> {
    return this.send({ method: 'HEAD', path, headers });
  }
  post(path: string, body?: Body, headers?: Headers): Promise<HttpResponse> {
    return this.send({ method: 'POST', path, body, headers });
  }
  put(path: string, body?: Body, headers?: Headers): Promise<HttpResponse> {
    return this.send({ method: 'PUT', path, body, headers });
  }
  patch(path: string, body?: Body, headers?: Headers): Promise<HttpResponse> {
    return this.send({
      method: 'PATCH',
      path,
      body,
      headers: { 'Content-Type': 'application/merge-patch+json', ...headers },
    });
  }
  delete(path: string, headers?: Headers): Promise<HttpResponse> {
    return this.send({ method: 'DELETE', path, headers });
  }
}

export interface TestApi {
  api: ApiClient;
  kind: TransportKind;
  /** The buffered Lambda handler around the app (absent for express and streaming transports). */
  handler?: LambdaHandler;
  /** The streaming handler (streaming transports only), on the stand-in runtime. */
  streamHandler?: StreamingLambdaHandler;
  app: Express;
  store: TestStore;
  config: Config;
  repository: DynamoItemRepository;
  close(): Promise<void>;
}

export interface TestApiOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse a store (e.g. two app instances sharing one table). */
  store?: TestStore;
  /** Read and write this table instead of the store's own (e.g. a table that does not exist). */
  tableName?: string;
  /** Talk to this endpoint instead of the store's (e.g. a server that never answers). */
  endpoint?: string;
  /** Defaults to TEST_TRANSPORT (express unless set): the parity suite's one parameter. */
  transport?: TransportKind;
  /** Test-only routes mounted on the same pipeline (see AppDeps.extraRouter). */
  extraRouter?: Router;
  /** Wraps the real repository (to observe or pace the store's calls). */
  wrapRepository?: (repository: ItemRepository) => ItemRepository;
  /** Sees the DynamoDB client every store uses, before any call (e.g. to record commands). */
  onClient?: (client: DynamoDBClient) => void;
}

/** The real app wired to a real dynalite with a fresh table. No storage mocks. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const store = options.store ?? (await startTestStore());
  const config = testConfig({
    STORAGE: 'endpoint',
    DYNAMODB_ENDPOINT: options.endpoint ?? store.endpoint,
    TABLE_NAME: options.tableName ?? store.tableName,
    ...options.env,
  });
  // A client built from config, so timeout and retry settings under test apply.
  const client = createDynamoClient(clientOptionsFrom(config));
  options.onClient?.(client);
  // The items table exists already (or is missing on purpose); the others are made here.
  if (!options.endpoint && !options.tableName) await ensureLocalTables(client, config);
  const stores = createDynamoStores(client, config);
  const repository = new DynamoItemRepository(documentClientFor(client), config.storage.tableName);
  const kind = options.transport ?? selectedTransportKind();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const deps: AppDeps = {
    config,
    ...stores,
    itemRepository: options.wrapRepository ? options.wrapRepository(repository) : repository,
    logger,
    clock: options.clock ?? { now: () => new Date() },
    // Exactly as lambda.ts wires it when the requests arrive as Lambda events.
    ...(kind === 'express' ? {} : { invocation: appInvocationFacts }),
    extraRouter: options.extraRouter,
  };
  const app = createApp(deps);
  const adapterOptions = { basePath: config.http.basePath, logger };
  let handler: LambdaHandler | undefined;
  let streamHandler: StreamingLambdaHandler | undefined;
  let transport: Transport;
  if (kind === 'express') transport = expressTransport(app);
  else if (isStreamingKind(kind)) {
    streamHandler = appStreamingHandler(app, { ...adapterOptions, runtime: standInRuntime });
    transport = streamingTransport(streamHandler, kind);
  } else {
    handler = appLambdaHandler(app, adapterOptions);
    transport = lambdaTransport(handler, kind);
  }
  return {
    api: new ApiClient(withDefaultToken(transport)),
    kind,
    handler,
    streamHandler,
    app,
    store,
    config,
    repository,
    close: async () => {
      client.destroy();
      if (!options.store) await store.close();
    },
  };
}
