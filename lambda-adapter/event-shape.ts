import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  LambdaFunctionURLEvent,
} from 'aws-lambda';

/**
 * The HTTP event shapes this function serves. They differ in where the path, query, headers,
 * cookies and client IP live, and in whether the path arrives percent-encoded:
 * REST APIs, Function URLs and ALB keep the encoding; HTTP APIs (payload 1.0 and 2.0) decode
 * the path first (verified against live captures: middleapi/standard-server#93).
 */
export type EventShape = 'rest-v1' | 'http-v1' | 'http-v2' | 'function-url' | 'alb';

export type HttpEvent =
  APIGatewayProxyEvent | APIGatewayProxyEventV2 | LambdaFunctionURLEvent | ALBEvent;

interface Probe {
  version?: unknown;
  httpMethod?: unknown;
  requestContext?: { elb?: unknown; http?: unknown; domainName?: unknown };
}

export function detectShape(event: unknown): EventShape | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Probe;
  const ctx = e.requestContext;
  if (!ctx || typeof ctx !== 'object') return undefined;
  if (ctx.elb) return 'alb';
  if (e.version === '2.0' && ctx.http) {
    return typeof ctx.domainName === 'string' && ctx.domainName.includes('.lambda-url.')
      ? 'function-url'
      : 'http-v2';
  }
  if (typeof e.httpMethod === 'string') return e.version === '1.0' ? 'http-v1' : 'rest-v1';
  return undefined;
}
