import express, { type Express, type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';
import type { Clock } from './core/clock';
import type { Config } from './config';
import { ConfigError } from './config/fields';
import { createDocsRouter } from './docs/docs-router';
import { createHealthRouter } from './health/health-router';
import { corsPolicy } from './http/cors';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { jsonBody } from './http/json-body';
import { requiresBody } from './http/required-body';
import { rejectBracketedQueryKeys } from './http/query-keys';
import { limitRequestTarget } from './http/request-target';
import { authenticate } from './auth/authenticate';
import { bearerChallenge } from './auth/challenge';
import { securityHandlers } from './auth/security-handlers';
import { withoutAnonymousAccess } from './auth/security-requirements';
import { createTokenVerifier } from './auth/token-verifier';
import {
  callerRateLimiter,
  failedAuthRateLimiter,
  type RateLimitStoreFactory,
} from './rate-limit/rate-limit';
import type { IdempotencyGuard } from './idempotency/idempotency-guard';
import type { InvocationFactsSource } from './http/invocation';
import { accessLog } from './http/access-log';
import type { RequestObserver } from './observability/request-record';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { series } from './http/series';
import type { ItemRepository } from './items/item-repository';
import { ItemService } from './items/item-service';
import { createItemsRouter } from './items/items-router';
import { ListCursorCodec } from './resources/list-cursor';
import { loadValidatorSpec, SPEC_PREVALIDATED } from './openapi/spec';
import { RESOURCE_FEATURES } from './features';
import type { ResourceRepository } from './resources/resource-repository';

export interface AppDeps {
  config: Config;
  itemRepository: ItemRepository;
  /** Stores for the shared rate limits (DynamoDB in production). */
  rateLimitStore: RateLimitStoreFactory;
  /** Remembers Idempotency-Key requests (DynamoDB through Powertools in production). */
  idempotency: IdempotencyGuard;
  /** The store of each generated resource (app/features.ts), by resource name. */
  resourceRepositories: Readonly<Record<string, ResourceRepository>>;
  logger: Logger;
  clock: Clock;
  /** Lambda facts for the current request (entry/lambda-handler.ts); absent on the local server. */
  invocation?: InvocationFactsSource;
  /** Told about every finished request (method, route template, status, latency): metrics. */
  observe?: RequestObserver;
  /**
   * Routes mounted before the OpenAPI validator, outside the contract. Only tests use it, to
   * prove transport edges (cookies, binary bodies) on the very same pipeline.
   */
  extraRouter?: Router;
}

/** The stores every entry (local server, Lambda, benchmark) must provide. */
export type AppStores = Pick<
  AppDeps,
  'itemRepository' | 'rateLimitStore' | 'idempotency' | 'resourceRepositories'
>;

/** Builds the Express app. No listening and no Lambda specifics here: see server.ts, entry/. */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Our ETags are item versions; Express's automatic body-hash ETags (and their implicit
  // 304s on routes whose contract has no 304) are turned off.
  app.set('etag', false);
  // `/v1/items/{id}/` is not `/v1/items/{id}`: on HTTP APIs, which hand over a decoded path,
  // an id ending in an encoded slash would otherwise reach the item.
  app.set('strict routing', true);
  if (config.http.trustProxyHops > 0) app.set('trust proxy', config.http.trustProxyHops);

  const cursors = new ListCursorCodec(requiredCursorKey(config));
  const items = new ItemService(deps.itemRepository, deps.clock, cursors, deps.idempotency);
  const resourceRouters = RESOURCE_FEATURES.map((feature) => {
    const repository = deps.resourceRepositories[feature.resource.name];
    if (!repository)
      throw new Error(`No store was given for the resource ${feature.resource.name}`);
    return feature.router(repository, { clock: deps.clock, cursors });
  });
  const limits = {
    windowMs: config.rateLimit.windowMs,
    createStore: deps.rateLimitStore,
    trustedClientIp: deps.invocation !== undefined,
    selfChecks: config.env !== 'production',
  };
  const validatorSpec = loadValidatorSpec(config.http.validateResponses);

  // The order is deliberate:
  // 1. request context first (id, client IP, base path), so every later response, errors
  //    included, carries X-Request-Id; then the access log (one line per finished request);
  // 2. helmet: security headers on everything (the API set, see security-headers.ts);
  // 3. CORS before anything that can reject, so allowed origins can read error responses;
  //    then the request-target limit (414), so nothing after it works on unbounded input;
  // 4. body parsing with a size limit BEFORE any async middleware: on Lambda, an await ahead
  //    of the parser loses the JSON body (serverless-express has ended the request stream by
  //    then; the parity suite POSTs JSON through this whole pipeline on every Lambda transport);
  // 5. bearer token verification (a present but invalid token is a 401 on every route; failed
  //    attempts count against the client IP), so that the rate limit can key on the caller;
  // 6. the shared per-caller rate limit (writes by default), before validation, so floods of
  //    invalid writes are limited too;
  // 7. OpenAPI validation of every request, including its `security` requirement (and, when
  //    configured, of every response); query keys with brackets are refused just before it
  //    (the validator would silently drop them);
  // 8. routers, then 404 for anything unmatched, then the one error handler.
  // (The docs router sits between 6 and 7; see below.)
  // One Express layer runs them all, in this order (see app/http/series.ts for why).
  app.use(
    series(
      // Timed from here; the line is written at the end, with the id set just after.
      accessLog({
        logger,
        routes: Object.keys(validatorSpec.paths ?? {}),
        invocation: deps.invocation,
        observe: deps.observe,
      }),
      requestContext(deps.invocation),
      securityHeaders(),
      corsPolicy(config.http.corsOrigins),
      limitRequestTarget(),
      jsonBody(config.http.bodyLimit, requiresBody(validatorSpec)),
      authenticate(
        createTokenVerifier(config.auth),
        failedAuthRateLimiter({ ...limits, max: config.rateLimit.authFailureMax }),
      ),
      callerRateLimiter({
        ...limits,
        max: config.rateLimit.max,
        methods: config.rateLimit.methods,
      }),
      // The contract as JSON everywhere; the interactive page (/docs) when configured. Served
      // before the validator: these are documents about the API, not operations of it.
      createDocsRouter({ ui: config.docs.ui }),
      deps.extraRouter ? [deps.extraRouter] : [],
      rejectBracketedQueryKeys,
      OpenApiValidator.middleware({
        apiSpec: config.auth.anonymousReads ? validatorSpec : withoutAnonymousAccess(validatorSpec),
        validateRequests: { allowUnknownQueryParameters: false },
        validateResponses: config.http.validateResponses,
        validateApiSpec: !SPEC_PREVALIDATED,
        ignoreUndocumented: false,
        fileUploader: false,
        validateSecurity: { handlers: securityHandlers },
      }),
      createHealthRouter(() => deps.itemRepository.ping()),
      createItemsRouter(items),
      resourceRouters,
      notFoundHandler(),
    ),
  );
  app.use(errorHandler({ logger, defaultChallenge: bearerChallenge() }));
  return app;
}

/** The cursor key every entry settles before building the app (config, DATA_DIR, or per container). */
function requiredCursorKey(config: Config): string {
  if (config.cursorSecret === undefined) {
    throw new ConfigError(['CURSOR_SECRET or CURSOR_SECRET_ID: no list cursor key is configured']);
  }
  return config.cursorSecret;
}
