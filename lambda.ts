/**
 * Lambda entry: every HTTP front door (API Gateway REST and HTTP APIs, Function URLs, ALB)
 * -> the same Express app as server.ts. Everything is wired in entry/lambda-entry.ts, once per
 * container, at init.
 */
import { lambdaHandlerFromEnv } from './entry/lambda-entry';

export const handler = lambdaHandlerFromEnv(process.env);
