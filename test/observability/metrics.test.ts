import { randomUUID } from 'node:crypto';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import pino from 'pino';
import { memoryStores } from '../support/memory-stores';
import { createLambdaEntry } from '../../entry/lambda-entry';
import { createRequestMetrics, METRIC } from '../../entry/metrics';
import type { RequestRecord } from '../../app/observability/request-record';
import { lambdaContext, restV1Event, type EventInput } from '../support/lambda-events';
import { testConfig } from '../support/test-app';

/**
 * CloudWatch metrics on Lambda: Powertools Metrics writes Embedded Metric Format (EMF) lines
 * on stdout, one document per invocation after the response, plus ColdStart once per
 * container. The Lambda handler (lambda-entry, as lambda.ts builds it) runs on in-memory
 * stores; stdout is captured.
 */
interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

let written: string[] = [];
let stdout: jest.SpyInstance;

beforeEach(() => {
  written = [];
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  stdout.mockRestore();
  delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
});

/** Every EMF document written so far (other stdout lines ignored). */
function emfDocuments(): Emf[] {
  return written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

function lambdaApp(env: Record<string, string> = {}, logger = pino({ level: 'silent' })) {
  const config = testConfig({ METRICS: 'true', POWERTOOLS_SERVICE_NAME: 'items-api', ...env });
  const stores = memoryStores();
  const failing = {
    ...stores,
    itemRepository: Object.assign(Object.create(stores.itemRepository) as object, {
      get: (id: string) =>
        id === BROKEN_ID
          ? Promise.reject(new Error('disk on fire'))
          : stores.itemRepository.get(id),
    }) as typeof stores.itemRepository,
  };
  const handler = createLambdaEntry(config, failing, undefined, { logger });
  return (input: EventInput | object) =>
    handler('method' in input ? restV1Event(input as EventInput) : input, lambdaContext());
}

const BROKEN_ID = randomUUID();

describe('EMF metrics (entry/metrics.ts)', () => {
  it('publishes one EMF document per invocation: Requests, Latency, 4XXError, 5XXError by route and method', async () => {
    const invoke = lambdaApp();
    await invoke({ method: 'GET', path: '/health' });
    await invoke({ method: 'GET', path: `/v1/items/${randomUUID()}` });
    await invoke({ method: 'GET', path: `/v1/items/${BROKEN_ID}` });
    await invoke({ method: 'GET', path: `/not/a/route/${randomUUID()}` });

    const perRequest = emfDocuments().filter((d) => 'Requests' in d);
    expect(perRequest).toHaveLength(4);
    for (const doc of perRequest) {
      expect(doc._aws.CloudWatchMetrics).toEqual([
        {
          Namespace: 'ExpressLambdaApi',
          Dimensions: [['service', 'route', 'method']],
          Metrics: [
            { Name: 'Requests', Unit: 'Count' },
            { Name: 'Latency', Unit: 'Milliseconds' },
            { Name: '4XXError', Unit: 'Count' },
            { Name: '5XXError', Unit: 'Count' },
          ],
        },
      ]);
      expect(doc._aws.Timestamp).toBeGreaterThan(Date.now() - 60_000);
      expect(doc.Latency).toEqual(expect.any(Number));
      expect(doc.Latency as number).toBeGreaterThanOrEqual(0);
    }
    expect(
      perRequest.map((d) => [
        d.service,
        d.route,
        d.method,
        d.Requests,
        d['4XXError'],
        d['5XXError'],
      ]),
    ).toEqual([
      ['items-api', '/health', 'GET', 1, 0, 0],
      ['items-api', '/v1/items/{id}', 'GET', 1, 1, 0],
      ['items-api', '/v1/items/{id}', 'GET', 1, 0, 1],
      // Never the raw path as a dimension value: unbounded cardinality.
      ['items-api', 'unmatched', 'GET', 1, 1, 0],
    ]);
  });

  it('writes one stdout line per request: the access line carries the EMF document', async () => {
    // The app's JSON log on the same stream as Powertools' output, as on Lambda.
    const logger = pino({ level: 'info' }, { write: (line: string) => written.push(line) });
    const invoke = lambdaApp({}, logger);
    await invoke({ method: 'GET', path: '/health' });
    await invoke({ method: 'GET', path: `/v1/items/${BROKEN_ID}` }); // a 5xx: a warn line

    const lines = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.route, l.status, l.Requests, l['5XXError']])).toEqual([
      ['/health', 200, 1, 0],
      ['/v1/items/{id}', 500, 1, 1],
    ]);
    for (const line of requests) {
      expect(line._aws).toMatchObject({ CloudWatchMetrics: [expect.any(Object)] });
      // The dimension values CloudWatch reads are the line's own fields.
      expect(line.service).toBe('items-api');
      expect(line.requestId).toEqual(expect.any(String));
    }
    // No second, metrics-only line for those requests (ColdStart has its own, once).
    expect(lines.filter((l) => '_aws' in l && l.msg !== 'request' && 'Requests' in l)).toEqual([]);
  });

  it('still writes the metrics when the access line is not written (LOG_LEVEL above info)', async () => {
    const logger = pino({ level: 'warn' }, { write: (line: string) => written.push(line) });
    const invoke = lambdaApp({}, logger);
    await invoke({ method: 'GET', path: '/health' });
    const perRequest = emfDocuments().filter((d) => 'Requests' in d);
    expect(perRequest.map((d) => [d.route, d.msg])).toEqual([['/health', undefined]]);
  });

  it('writes, for every request of a route, the very document Powertools would (key for key)', () => {
    const logger = pino({ level: 'silent' });
    const ours = createRequestMetrics({ namespace: 'Shop', serviceName: 'items-api', logger });
    const theirs = new Metrics({ namespace: 'Shop', serviceName: 'items-api' });
    const powertools = ({ requestId, method, route, status, latencyMs }: RequestRecord) => {
      theirs.addDimensions({ route, method });
      theirs.addMetadata('requestId', requestId);
      theirs.addMetric(METRIC.requests, MetricUnit.Count, 1);
      theirs.addMetric(METRIC.latency, MetricUnit.Milliseconds, latencyMs);
      theirs.addMetric(
        METRIC.clientErrors,
        MetricUnit.Count,
        status >= 400 && status < 500 ? 1 : 0,
      );
      theirs.addMetric(METRIC.serverErrors, MetricUnit.Count, status >= 500 ? 1 : 0);
      const doc = theirs.serializeMetrics();
      theirs.clearMetrics();
      theirs.clearDimensions();
      theirs.clearMetadata();
      return doc;
    };
    // The same routes again and again (later documents are built from the first of each),
    // with every kind of status and latency.
    const records: RequestRecord[] = [];
    for (const [i, status] of [200, 201, 404, 409, 500, 503, 200, 429].entries()) {
      for (const [route, method] of [
        ['/health', 'GET'],
        ['/v1/items/{id}', 'PATCH'],
        ['unmatched', 'GET'],
      ] as const) {
        records.push({ requestId: `r-${i}-${route}`, method, route, status, latencyMs: i * 1.5 });
      }
    }
    const stamp = (doc: object) => JSON.stringify(doc).replace(/"Timestamp":\d+/, '"Timestamp":0');
    for (const record of records) {
      const line: Record<string, unknown> = {};
      ours.record(record, line);
      expect(stamp(line)).toBe(stamp(powertools(record)));
      expect((line._aws as { Timestamp: number }).Timestamp).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it('emits ColdStart once, for the first invocation of the container, on its own', async () => {
    const invoke = lambdaApp();
    await invoke({ method: 'GET', path: '/health' });
    await invoke({ method: 'GET', path: '/health' });
    const coldStarts = emfDocuments().filter((d) => 'ColdStart' in d);
    expect(coldStarts).toHaveLength(1);
    expect(coldStarts[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'ExpressLambdaApi',
            Dimensions: [['service']],
            Metrics: [{ Name: 'ColdStart', Unit: 'Count' }],
          },
        ],
      },
      service: 'items-api',
      ColdStart: 1,
    });
    // It is written before the first request's document.
    expect(emfDocuments().findIndex((d) => 'ColdStart' in d)).toBe(0);
  });

  it('counts no cold start under provisioned concurrency, and nothing for a warm-up ping', async () => {
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'provisioned-concurrency';
    const invoke = lambdaApp();
    await invoke({ warmer: true });
    expect(emfDocuments()).toEqual([]);
    await invoke({ method: 'GET', path: '/health' });
    expect(
      emfDocuments().map((d) => d._aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name)),
    ).toEqual([['Requests', 'Latency', '4XXError', '5XXError']]);
  });

  it('honours the namespace setting and writes nothing with METRICS=false', async () => {
    await lambdaApp({ POWERTOOLS_METRICS_NAMESPACE: 'Shop/Items' })({
      method: 'GET',
      path: '/health',
    });
    expect(emfDocuments().map((d) => d._aws.CloudWatchMetrics[0]?.Namespace)).toEqual([
      'Shop/Items',
      'Shop/Items',
    ]);
    written = [];
    await lambdaApp({ METRICS: 'false' })({ method: 'GET', path: '/health' });
    expect(emfDocuments()).toEqual([]);
  });

  it('lambda.ts turns them on by default on AWS Lambda itself, and only there', async () => {
    const run = async (env: Record<string, string>) => {
      const saved = { ...process.env };
      Object.assign(process.env, {
        NODE_ENV: 'test',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
        JWT_SECRET: 'k'.repeat(40),
        LOG_LEVEL: 'silent',
        ...env,
      });
      try {
        type Entry = { handler: (event: unknown, context: unknown) => Promise<unknown> };
        let entry: Entry | undefined;
        jest.isolateModules(() => {
          entry = jest.requireActual<Entry>('../../lambda');
        });
        written = [];
        await entry?.handler(restV1Event({ method: 'GET', path: '/health' }), lambdaContext());
        return emfDocuments().map((d) => d.route ?? 'ColdStart');
      } finally {
        process.env = saved;
      }
    };
    expect(await run({ AWS_LAMBDA_FUNCTION_NAME: 'items-api' })).toEqual(['ColdStart', '/health']);
    expect(await run({})).toEqual([]);
    expect(await run({ METRICS: 'true' })).toEqual(['ColdStart', '/health']);
    expect(await run({ AWS_LAMBDA_FUNCTION_NAME: 'items-api', METRICS: 'false' })).toEqual([]);
  });
});
