import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  LambdaFunctionURLEvent,
} from 'aws-lambda';

/**
 * The HTTP event shapes this adapter serves. They differ in where the path, query, headers,
 * cookies and client IP live, and in whether the path arrives percent-encoded:
 * REST APIs, Function URLs, ALB and VPC Lattice keep the encoding; HTTP APIs (payload 1.0 and
 * 2.0) decode the path first (verified against live captures: middleapi/standard-server#93).
 */
export type EventShape = ClassifiedEvent['shape'];

/** An event together with its shape: a switch on `shape` narrows `event`, no casts needed. */
export type ClassifiedEvent =
  | { shape: 'rest-v1'; event: APIGatewayProxyEvent }
  | { shape: 'http-v1'; event: APIGatewayProxyEvent }
  | { shape: 'http-v2'; event: APIGatewayProxyEventV2 }
  | { shape: 'function-url'; event: LambdaFunctionURLEvent }
  | { shape: 'alb'; event: ALBEvent }
  | { shape: 'lattice-v2'; event: LatticeEventV2 };

/**
 * VPC Lattice's Lambda event, structure version 2 (as AWS models it in aws-lambda-java-events,
 * VpcLatticeV2RequestEvent): headers as lists, the query as single values, the client's
 * address in X-Forwarded-For. @types/aws-lambda has no type for it.
 */
export interface LatticeEventV2 {
  version: string;
  method: string;
  /** The path as the client sent it (encoded); may carry the query string too. */
  path: string;
  headers?: Record<string, string[] | string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext: {
    serviceNetworkArn: string;
    serviceArn: string;
    targetGroupArn?: string;
    region?: string;
    timeEpoch?: string;
  };
}

interface Probe {
  version?: unknown;
  httpMethod?: unknown;
  requestContext?: {
    elb?: unknown;
    http?: unknown;
    domainName?: unknown;
    serviceNetworkArn?: unknown;
  };
}

/** The shape of an HTTP event, or undefined for anything else. */
export function classifyEvent(event: unknown): ClassifiedEvent | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Probe;
  const ctx = e.requestContext;
  if (!ctx || typeof ctx !== 'object') return undefined;
  // The probes above are the whole check: past them, the event is trusted to be what its
  // front door documents (the front doors are AWS services, not clients).
  if (ctx.elb) return { shape: 'alb', event: event as ALBEvent };
  if (typeof ctx.serviceNetworkArn === 'string' && e.version === '2.0') {
    return { shape: 'lattice-v2', event: event as LatticeEventV2 };
  }
  if (e.version === '2.0' && ctx.http) {
    return typeof ctx.domainName === 'string' && ctx.domainName.includes('.lambda-url.')
      ? { shape: 'function-url', event: event as LambdaFunctionURLEvent }
      : { shape: 'http-v2', event: event as APIGatewayProxyEventV2 };
  }
  if (typeof e.httpMethod === 'string') {
    const rest = event as APIGatewayProxyEvent;
    return e.version === '1.0'
      ? { shape: 'http-v1', event: rest }
      : { shape: 'rest-v1', event: rest };
  }
  return undefined;
}
