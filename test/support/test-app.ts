import type { Express } from 'express';
import pino from 'pino';
import { createApp, type AppDeps } from '../../app/app';
import type { Clock } from '../../app/clock';
import { loadConfig, type Config } from '../../app/config';
import { DynamoItemRepository } from '../../app/items/dynamo-item-repository';
import { startTestStore, type TestStore } from './store';
import { expressTransport, type HttpRequest, type HttpResponse, type Transport } from './transport';

/** Test defaults: responses validated, limits high enough that no test meets a 429 by accident. */
const TEST_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  VALIDATE_RESPONSES: 'true',
  RATE_LIMIT_MAX: '100000',
  CORS_ORIGINS: 'https://app.example.com',
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ ...TEST_ENV, ...env });
}

type Body = HttpRequest['body'];
type Headers = Record<string, string>;

/** A tiny client over a Transport, so tests read like the HTTP they exercise. */
export class ApiClient {
  constructor(readonly send: Transport) {}

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
}

/** The real app wired to a real dynalite with a fresh table. No storage mocks. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const store = options.store ?? (await startTestStore());
  const config = testConfig({
    STORAGE: 'endpoint',
    DYNAMODB_ENDPOINT: store.endpoint,
    TABLE_NAME: options.tableName ?? store.tableName,
    ...options.env,
  });
  const repository = new DynamoItemRepository(store.client, config.storage.tableName);
  const deps: AppDeps = {
    config,
    itemRepository: repository,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: options.clock ?? { now: () => new Date() },
  };
  const app = createApp(deps);
  return {
    api: new ApiClient(expressTransport(app)),
    app,
    store,
    config,
    repository,
    close: async () => {
      if (!options.store) await store.close();
    },
  };
}
