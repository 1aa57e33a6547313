import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { InvocationFactsSource } from './invocation';

/** A client-supplied id is echoed only if it is short and made of safe characters. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * First in the pipeline: request id, client IP and base path for everything after it.
 *
 * The request id is always ours (Lambda's awsRequestId, else a new UUID): logs and problem
 * bodies name it, so a client cannot forge which log lines look like its request's. A safe
 * client-sent X-Request-Id is kept beside it (`clientRequestId`, logged too) and echoed in the
 * response header, as callers that trace with their own ids expect; without one, the header
 * carries ours.
 */
export function requestContext(invocation?: InvocationFactsSource): RequestHandler {
  return (req, res, next) => {
    const facts = invocation?.();
    const incoming = req.get('x-request-id');
    req.id = facts?.awsRequestId ?? randomUUID();
    req.clientRequestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : undefined;
    req.clientIp = facts?.sourceIp ?? req.ip ?? '';
    req.basePath = facts?.basePath ?? '';
    res.setHeader('X-Request-Id', req.clientRequestId ?? req.id);
    next();
  };
}
