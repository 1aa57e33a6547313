import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  Context,
  LambdaFunctionURLEvent,
} from 'aws-lambda';
import type { LatticeEventV2 } from '../../lambda-adapter/event-shape';

/**
 * Realistic Lambda events, shaped as AWS documents them (request context, identity, stage,
 * domain name...). One input describes the HTTP request; each builder renders it the way
 * that front door would, including its quirks:
 * - REST (payload 1.0): query values decoded into (multiValue)queryStringParameters, path
 *   kept encoded, stage absent from `path` but present in requestContext.path;
 * - HTTP API (payload 2.0): rawPath DECODED (and prefixed by a named stage), rawQueryString raw,
 *   repeated headers comma-joined, cookies split out;
 * - Function URL: like 2.0 but the path keeps its encoding; domain `*.lambda-url.*.on.aws`;
 * - ALB: path and query passed through still encoded; client IP appended to X-Forwarded-For;
 *   multi-value fields only when the target group enables them;
 * - VPC Lattice (v2): path kept encoded, headers as lists, query values decoded and single
 *   (the last of a repeated key), client IP appended to X-Forwarded-For.
 */
export interface EventInput {
  method: string;
  /** Encoded path as the client sent it, without stage or query (e.g. '/v1/items/a%20b'). */
  path: string;
  /** Raw query string as the client sent it, without '?'. */
  rawQuery?: string;
  /** Header name -> values, as the client sent them (case preserved). */
  headers?: Record<string, string[]>;
  body?: Buffer;
  /** Send the body base64-encoded (binary, or as API Gateway does for some types). */
  base64?: boolean;
  sourceIp?: string;
  stage?: string;
  /** Prefix the client used before the stage-less path (custom-domain base path mapping). */
  basePathMapping?: string;
  /**
   * REST only: called on the execute-api domain, where the client's URL starts with the stage
   * (`/prod/v1/items`). Default: a custom domain mapped at its root, URL = path.
   */
  executeApiDomain?: boolean;
}

const ACCOUNT = '123456789012';
const API_ID = 'a1b2c3d4e5';
const REQUEST_TIME = 1_764_000_000_000;

function queryPairs(raw: string | undefined): [string, string][] {
  if (!raw) return [];
  return raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      return i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
    });
}

const decodeForm = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));

function group(pairs: [string, string][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of pairs) (out[k] ??= []).push(v);
  return out;
}

function lastValues(multi: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[v.length - 1] as string]));
}

function bodyFields(input: EventInput): { body: string | null; isBase64Encoded: boolean } {
  if (!input.body) return { body: null, isBase64Encoded: false };
  return input.base64
    ? { body: input.body.toString('base64'), isBase64Encoded: true }
    : { body: input.body.toString('utf8'), isBase64Encoded: false };
}

function headerLists(input: EventInput): Record<string, string[]> {
  return { Host: [`${API_ID}.execute-api.eu-west-1.amazonaws.com`], ...input.headers };
}

export function restV1Event(input: EventInput): APIGatewayProxyEvent {
  const stage = input.stage ?? 'prod';
  const multiHeaders = headerLists(input);
  const multiQuery = Object.fromEntries(
    Object.entries(group(queryPairs(input.rawQuery))).map(([k, v]) => [
      decodeForm(k),
      v.map(decodeForm),
    ]),
  );
  const hasQuery = Object.keys(multiQuery).length > 0;
  const path = `${input.basePathMapping ?? ''}${input.path}`;
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: input.method,
    headers: lastValues(multiHeaders),
    multiValueHeaders: multiHeaders,
    queryStringParameters: hasQuery ? lastValues(multiQuery) : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: { proxy: decodeURIComponent(input.path.slice(1)) },
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT,
      apiId: API_ID,
      authorizer: null,
      domainName: input.executeApiDomain
        ? `${API_ID}.execute-api.eu-west-1.amazonaws.com`
        : 'api.example.com',
      domainPrefix: input.executeApiDomain ? API_ID : 'api',
      extendedRequestId: 'Ex7eNdEdId=',
      httpMethod: input.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: input.sourceIp ?? '198.51.100.7',
        user: null,
        userAgent: 'test-agent/1.0',
        userArn: null,
      },
      path: input.executeApiDomain ? `/${stage}${input.path}` : path,
      protocol: 'HTTP/1.1',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTime: '25/Nov/2026:12:00:00 +0000',
      requestTimeEpoch: REQUEST_TIME,
      resourceId: 'abc123',
      resourcePath: '/{proxy+}',
      stage,
    },
    ...bodyFields(input),
  };
}

function v2Common(input: EventInput, domainName: string, rawPath: string, stage: string) {
  const lists = headerLists(input);
  const cookies = Object.entries(lists)
    .filter(([k]) => k.toLowerCase() === 'cookie')
    .flatMap(([, v]) => v.flatMap((c) => c.split(/;\s*/)));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(lists)) {
    if (k.toLowerCase() === 'cookie') continue;
    headers[k.toLowerCase()] = v.join(',');
  }
  headers.host = domainName;
  const query = group(queryPairs(input.rawQuery));
  const queryStringParameters = Object.keys(query).length
    ? Object.fromEntries(
        Object.entries(query).map(([k, v]) => [decodeForm(k), v.map(decodeForm).join(',')]),
      )
    : undefined;
  return {
    version: '2.0' as const,
    routeKey: '$default',
    rawPath,
    rawQueryString: input.rawQuery ?? '',
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: ACCOUNT,
      apiId: API_ID,
      domainName,
      domainPrefix: domainName.split('.')[0] as string,
      http: {
        method: input.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '198.51.100.7',
        userAgent: 'test-agent/1.0',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage,
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: REQUEST_TIME,
    },
    ...(input.body ? { body: bodyFields(input).body as string } : {}),
    isBase64Encoded: bodyFields(input).isBase64Encoded,
  };
}

export function httpV2Event(input: EventInput): APIGatewayProxyEventV2 {
  const stage = input.stage ?? '$default';
  // HTTP APIs hand over the path decoded, with a named stage in front.
  const decoded = decodeURIComponent(input.path);
  const rawPath = `${stage === '$default' ? '' : `/${stage}`}${input.basePathMapping ?? ''}${decoded}`;
  return {
    ...v2Common(input, `${API_ID}.execute-api.eu-west-1.amazonaws.com`, rawPath, stage),
    pathParameters: { proxy: decoded.slice(1) },
  };
}

export function functionUrlEvent(input: EventInput): LambdaFunctionURLEvent {
  const domain = 'abcdefghijklmnopqrstuvwxyz0123.lambda-url.eu-west-1.on.aws';
  const common = v2Common(input, domain, `${input.basePathMapping ?? ''}${input.path}`, '$default');
  return {
    ...common,
    requestContext: { ...common.requestContext, authorizer: undefined },
  } as LambdaFunctionURLEvent;
}

/**
 * Headers as a proxy in front of the function passes them (ALB, VPC Lattice): lower-cased,
 * with the address it accepted the connection from appended to X-Forwarded-For.
 */
function withClientAppended(input: EventInput): Record<string, string[]> {
  const lists = headerLists(input);
  const clientIp = input.sourceIp ?? '198.51.100.7';
  const xffKey = Object.keys(lists).find((k) => k.toLowerCase() === 'x-forwarded-for');
  const prior = xffKey ? (lists[xffKey] ?? []).join(', ') : '';
  const headers: Record<string, string[]> = Object.fromEntries(
    Object.entries(lists)
      .filter(([k]) => k.toLowerCase() !== 'x-forwarded-for')
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
  headers['x-forwarded-for'] = [prior ? `${prior}, ${clientIp}` : clientIp];
  return headers;
}

export function albEvent(input: EventInput, options: { multiValue: boolean }): ALBEvent {
  const withAlb = withClientAppended(input);
  withAlb['x-forwarded-proto'] = ['https'];
  withAlb['x-forwarded-port'] = ['443'];
  withAlb['x-amzn-trace-id'] = ['Root=1-67891233-abcdef012345678912345678'];
  const query = group(queryPairs(input.rawQuery));
  const base = {
    requestContext: {
      elb: {
        targetGroupArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`,
      },
    },
    httpMethod: input.method,
    path: `${input.basePathMapping ?? ''}${input.path}`,
    ...bodyFields(input),
    body: bodyFields(input).body ?? '',
  };
  return options.multiValue
    ? { ...base, multiValueHeaders: withAlb, multiValueQueryStringParameters: query }
    : { ...base, headers: lastValues(withAlb), queryStringParameters: lastValues(query) };
}

export function latticeEvent(input: EventInput): LatticeEventV2 {
  const headers = withClientAppended(input);
  const query = lastValues(
    group(queryPairs(input.rawQuery).map(([k, v]) => [decodeForm(k), decodeForm(v)])),
  );
  return {
    version: '2.0',
    method: input.method,
    path: `${input.basePathMapping ?? ''}${input.path}`,
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...bodyFields(input),
    requestContext: {
      serviceNetworkArn: `arn:aws:vpc-lattice:eu-west-1:${ACCOUNT}:servicenetwork/sn-0123456789abcdef0`,
      serviceArn: `arn:aws:vpc-lattice:eu-west-1:${ACCOUNT}:service/svc-0123456789abcdef0`,
      targetGroupArn: `arn:aws:vpc-lattice:eu-west-1:${ACCOUNT}:targetgroup/tg-0123456789abcdef0`,
      region: 'eu-west-1',
      timeEpoch: String(REQUEST_TIME * 1000),
    },
  };
}

/** The HTTP result of a Lambda handler, in any of the front doors' shapes. */
export interface LambdaHttpResult {
  statusCode: number;
  body?: string;
  isBase64Encoded?: boolean;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
}

let invocation = 0;

/** A Lambda context as the runtime passes it (remaining time counts down from 15 s). */
export function lambdaContext(overrides: Partial<Context> = {}): Context {
  invocation++;
  const deadline = Date.now() + 15_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'express-lambda-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:express-lambda-api`,
    memoryLimitInMB: '1024',
    awsRequestId: `0b5c8f5e-0000-4000-8000-${String(invocation).padStart(12, '0')}`,
    logGroupName: '/aws/lambda/express-lambda-api',
    logStreamName: '2026/11/25/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
