/**
 * Lambda entry: the same Express app as server.ts, twice over. `handler` buffers each response
 * (every HTTP front door: API Gateway REST and HTTP APIs, Function URLs, ALB, VPC Lattice);
 * `streamHandler` streams it (API Gateway REST in STREAM mode, Function URLs with
 * RESPONSE_STREAM). Everything is wired in entry/lambda-entry.ts, once per container, at init.
 */
import { lambdaHandlersFromEnv } from './entry/lambda-entry';

export const { handler, streamHandler } = lambdaHandlersFromEnv(process.env);
