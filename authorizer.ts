/**
 * API Gateway Lambda authorizer (REST API, TOKEN type), deployed when a stage sets
 * `authorizer: true` (infra/lib/gateway-authorizer.ts): the gateway's first check of bearer
 * tokens, with the app's own verifier and settings (JWT_SECRET_ID or JWKS_URL or
 * JWKS_URL_PARAM, JWT_ISSUER, JWT_AUDIENCE, JWT_SCOPE_CLAIM, JWT_SCOPE_PREFIX, ...).
 *
 * A valid token -> an Allow policy for every method of the stage (API Gateway caches it per
 * token and reuses it on any route) with context { sub, scope }; anything else -> the error
 * "Unauthorized", which API Gateway answers with 401. When the issuer's keys cannot be
 * fetched (or the key cannot be read) the error is another one: API Gateway answers 500, and
 * the client is not told its token is bad. The app verifies the token again and checks scopes
 * per route; this only keeps requests without a valid token away from the API function.
 *
 * Configuration and secrets are read once per container, on the first invocation (nothing
 * calls AWS at import time); a failed start-up is retried by the next invocation.
 */
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import type { Logger } from 'pino';
import type { Caller } from './app/auth/caller';
import {
  createTokenVerifier,
  InvalidTokenError,
  type TokenVerifier,
} from './app/auth/token-verifier';
import { loadAuthorizerConfig } from './app/config/auth';
import { powertoolsReaders, resolveAuthSecrets, type ParameterReaders } from './app/config/secrets';
import { createLogger, hideInLogs } from './app/observability/logger';

export type TokenAuthorizerHandler = (
  event: APIGatewayTokenAuthorizerEvent,
) => Promise<APIGatewayAuthorizerResult>;

/** RFC 6750 `b64token` after "Bearer " (as app/auth/authenticate.ts accepts it). */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

interface Ready {
  verify: TokenVerifier;
  logger: Logger;
}

export function createAuthorizer(
  env: NodeJS.ProcessEnv = process.env,
  readers: ParameterReaders = powertoolsReaders,
): TokenAuthorizerHandler {
  let ready: Promise<Ready> | undefined;
  const start = async (): Promise<Ready> => {
    // Only the token settings: the API's other rules (a cursor key in production...) do not
    // concern a function that verifies tokens and nothing else.
    const config = loadAuthorizerConfig(env);
    const logger = createLogger(config);
    try {
      const auth = await resolveAuthSecrets(config.auth, readers);
      hideInLogs(logger, auth.secret); // a key read from Secrets Manager, too
      return { verify: createTokenVerifier(auth), logger };
    } catch (err) {
      logger.error({ err }, 'authorizer start-up failed');
      throw err;
    }
  };

  return async (event) => {
    ready ??= start().catch((err: unknown) => {
      ready = undefined; // let the next invocation try again
      throw err;
    });
    const { verify, logger } = await ready;
    const token = BEARER.exec(event.authorizationToken ?? '')?.[1];
    if (token === undefined) throw new Error('Unauthorized');
    let caller: Caller;
    try {
      caller = await verify(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        logger.info({ reason: err.description }, 'token refused');
        // The exact message API Gateway turns into a 401 (the cause stays in this function).
        throw new Error('Unauthorized', { cause: err });
      }
      logger.error({ err }, 'token could not be verified');
      throw new Error('Token verification unavailable', { cause: err });
    }
    return allow(caller.subject, [...caller.scopes].join(' '), event.methodArn);
  };
}

export const handler = createAuthorizer();

function allow(sub: string, scope: string, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: sub,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: stageWide(methodArn) },
      ],
    },
    // Passed to the integration as requestContext.authorizer.sub / .scope.
    context: { sub, scope },
  };
}

/**
 * `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>` ->
 * `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/*` + `/*`: the cached policy
 * must cover every route the same token may call, not just the first one.
 */
export function stageWide(methodArn: string): string {
  const parts = methodArn.split(':');
  const [apiId, stage] = parts.slice(5).join(':').split('/');
  if (parts.length < 6 || !apiId || !stage) throw new Error(`Unexpected methodArn ${methodArn}`);
  return `${parts.slice(0, 5).join(':')}:${apiId}/${stage}/*/*`;
}
