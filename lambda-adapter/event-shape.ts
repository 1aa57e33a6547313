import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  LambdaFunctionURLEvent,
} from 'aws-lambda';

/**
 * The HTTP event shapes this adapter serves. They differ in where the path, query, headers,
 * cookies and client IP live, and in whether the path arrives percent-encoded:
 * REST APIs, Function URLs and ALB keep the encoding; HTTP APIs (payload 1.0 and 2.0) decode
 * the path first (verified against live captures: middleapi/standard-server#93).
 */
export type EventShape = ClassifiedEvent['shape'];

/** An event together with its shape: a switch on `shape` narrows `event`, no casts needed. */
export type ClassifiedEvent =
  | { shape: 'rest-v1'; event: APIGatewayProxyEvent }
  | { shape: 'http-v1'; event: APIGatewayProxyEvent }
  | { shape: 'http-v2'; event: APIGatewayProxyEventV2 }
  | { shape: 'function-url'; event: LambdaFunctionURLEvent }
  | { shape: 'alb'; event: ALBEvent };

interface Probe {
  version?: unknown;
  httpMethod?: unknown;
  requestContext?: { elb?: unknown; http?: unknown; domainName?: unknown };
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
