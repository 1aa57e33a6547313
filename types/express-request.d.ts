/**
 * Everything this app adds to Express's Request, declared once. tsconfig includes `types/`,
 * so every file sees these fields without importing anything.
 */
import type { OpenApiRequestMetadata } from 'express-openapi-validator/dist/framework/types';
import type { Caller } from '../app/auth/caller';

declare module 'express-serve-static-core' {
  interface Request {
    /** Ours, never the client's: Lambda's awsRequestId, else a new UUID (app/http/request-context.ts). */
    id: string;
    /** A safe X-Request-Id the client sent, if any: logged beside `id`, echoed in the response. */
    clientRequestId?: string;
    /** The client IP from a trusted source (front door on Lambda, trust proxy locally). */
    clientIp: string;
    /** Prefix the client used before the routed path ('' locally), for absolute links. */
    basePath: string;
    /** Present only when the request carried a valid bearer token (app/auth/authenticate.ts). */
    caller?: Caller;
    /** The WWW-Authenticate challenge a 401/403 for this request should carry. */
    authChallenge?: string;
    /** Set by express-openapi-validator on requests that match a declared operation. */
    openapi?: OpenApiRequestMetadata;
  }
}
