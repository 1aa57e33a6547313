/**
 * Access-log fields both API Gateway front doors write, one JSON line per request, with what
 * triage needs: both latencies (the gateway's and the integration's), the gateway's own error
 * message and response type (throttled, WAF, authorizer...), and the user agent. The names are
 * stable: CloudWatch Logs Insights queries read them (README "Alarms").
 */
export const COMMON_ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  errorMessage: '$context.error.message',
  errorResponseType: '$context.error.responseType',
} as const;

/** The REST API's line: also the WAF verdict, the X-Ray trace id and the TLS version. */
export const ACCESS_LOG_FIELDS = {
  ...COMMON_ACCESS_LOG_FIELDS,
  extendedRequestId: '$context.extendedRequestId',
  resourcePath: '$context.resourcePath',
  wafResponseCode: '$context.wafResponseCode',
  xrayTraceId: '$context.xrayTraceId',
  tlsVersion: '$context.tlsVersion',
} as const;

/** The HTTP API's line (no WAF, no X-Ray there): the route and the authorizer's error. */
export const HTTP_ACCESS_LOG_FIELDS = {
  ...COMMON_ACCESS_LOG_FIELDS,
  routeKey: '$context.routeKey',
  integrationErrorMessage: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
} as const;
