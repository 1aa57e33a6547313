import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { InvocationFactsSource } from './invocation';

/** A client-supplied id is echoed only if it is short and made of safe characters. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** First in the pipeline: request id, client IP and base path for everything after it. */
export function requestContext(invocation?: InvocationFactsSource): RequestHandler {
  return (req, res, next) => {
    const facts = invocation?.();
    const incoming = req.get('x-request-id');
    req.id =
      incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : (facts?.awsRequestId ?? randomUUID());
    req.clientIp = facts?.sourceIp ?? req.ip ?? '';
    req.basePath = facts?.basePath ?? '';
    res.setHeader('X-Request-Id', req.id);
    next();
  };
}
