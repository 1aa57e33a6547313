import type { ClassifiedEvent } from './event-shape';
import {
  encodeDecodedPath,
  encodeQuery,
  joinRawQuery,
  keepEncodedPath,
  stripPrefix,
} from './url-encoding';

/** What @codegenie/serverless-express needs to build the Node request. */
export interface NodeRequestValues {
  method: string;
  /** Path and query, percent-encoded, with stage/base path removed. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Becomes req.ip: the client IP as the front door saw it. */
  remoteAddress: string;
}

export interface RequestFacts {
  sourceIp: string;
  /** The prefix the client used that routing does not see ('' when none). */
  basePath: string;
}

type HeaderLists = Record<string, (string | undefined)[] | undefined>;
/** Lists, or (VPC Lattice as some models type it) one plain string per name. */
type HeaderValues = Record<string, (string | undefined)[] | string | undefined>;
type HeaderMap = Record<string, string | undefined>;

/**
 * Lower-cased names; repeated headers joined as HTTP allows (Cookie with '; ').
 *
 * Header names are the client's: they are collected in a Map and written to an object with
 * no prototype, so `Constructor`, `__proto__` or `hasOwnProperty` are just names (on a plain
 * object, `constructor` would find Object's function and `__proto__` would set the
 * prototype).
 */
function normaliseHeaders(
  single: HeaderMap | null | undefined,
  multi: HeaderValues | null | undefined,
  cookies?: string[],
): Record<string, string> {
  // Written straight into the result (no intermediate lists): this runs on every invocation.
  const headers = Object.create(null) as Record<string, string>;
  if (multi) {
    for (const name of Object.keys(multi)) {
      const values = multi[name];
      // A plain string is one value, never a list of characters.
      if (typeof values === 'string') addHeader(headers, name, values);
      else if (values) for (const v of values) addHeader(headers, name, v);
    }
  } else if (single) {
    for (const name of Object.keys(single)) addHeader(headers, name, single[name]);
  }
  if (cookies) for (const cookie of cookies) addHeader(headers, 'cookie', cookie);
  // The body is rebuilt from the event: its length is recomputed, never trusted.
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  return headers;
}

function addHeader(headers: Record<string, string>, name: string, value: string | undefined) {
  if (value === undefined) return;
  const key = name.toLowerCase();
  const earlier = headers[key];
  if (earlier === undefined) headers[key] = value;
  else headers[key] = `${earlier}${key === 'cookie' ? '; ' : ', '}${value}`;
}

/** Query parameters as lists: the multi-value field when the event has one, else the single one. */
function queryLists(
  multi: HeaderLists | null | undefined,
  single: HeaderMap | null | undefined,
): HeaderLists {
  return multi ?? Object.fromEntries(Object.entries(single ?? {}).map(([k, v]) => [k, [v]]));
}

function bodyOf(
  body: string | null | undefined,
  isBase64Encoded: boolean | undefined,
): Buffer | undefined {
  if (body === null || body === undefined || body === '') return undefined;
  return Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
}

/** ALB appends the address it accepted the connection from as the last X-Forwarded-For entry. */
function lastForwardedFor(headers: Record<string, string>): string {
  const entries = (headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries[entries.length - 1] ?? '';
}

/**
 * The base path a custom domain's API mapping matched (`requestContext.customDomain`, which
 * API Gateway fills for REST and HTTP APIs called through one), as serverless-express 5 reads
 * it: `/api` when the client called `https://example.com/api/...`. BASE_PATH, when configured,
 * takes precedence. Absent from @types/aws-lambda, hence the narrow read.
 */
function customDomainBasePath(requestContext: object | undefined): string | undefined {
  const matched = (requestContext as { customDomain?: { basePathMatched?: unknown } } | undefined)
    ?.customDomain?.basePathMatched;
  return typeof matched === 'string' && /^[A-Za-z0-9._~/-]+$/.test(matched)
    ? `/${matched.replace(/^\/+|\/+$/g, '')}`
    : undefined;
}

/**
 * An HTTP API's named stage prefixes the path only on its execute-api domain; behind a custom
 * domain (API mapping) the path starts after the mapping.
 */
function stageOf(stage: string | undefined, domainName: string | undefined): string | undefined {
  if (!stage || stage === '$default') return undefined;
  return domainName === undefined || domainName.includes('.execute-api.') ? `/${stage}` : undefined;
}

/**
 * Turns any supported HTTP event into Node request values plus the facts the app may read.
 * `basePath` (config BASE_PATH) is removed from the path when present, e.g. a custom-domain
 * base path mapping; an HTTP API's named stage is removed automatically.
 */
export function toNodeRequest(
  classified: ClassifiedEvent,
  basePath: string | undefined,
): { values: NodeRequestValues; facts: RequestFacts } {
  const converted = convert(classified, basePath);
  const { body, headers } = converted.values;
  // Body parsers only read a body whose length is announced.
  if (body) headers['content-length'] = String(body.length);
  return converted;
}

function convert(
  classified: ClassifiedEvent,
  basePath: string | undefined,
): { values: NodeRequestValues; facts: RequestFacts } {
  switch (classified.shape) {
    case 'rest-v1':
    case 'http-v1': {
      const { shape, event: e } = classified;
      const headers = normaliseHeaders(e.headers, e.multiValueHeaders);
      const query = encodeQuery(
        queryLists(e.multiValueQueryStringParameters, e.queryStringParameters),
      );
      let path: string;
      let prefix: string;
      if (shape === 'rest-v1') {
        // REST: `path` keeps its encoding and excludes the stage on the execute-api domain,
        // where requestContext.path shows what the client really used ('/prod/v1/items').
        const mapped = stripPrefix(e.path, basePath ?? customDomainBasePath(e.requestContext));
        path = keepEncodedPath(mapped.path);
        const external = e.requestContext?.path;
        prefix =
          mapped.stripped ||
          (external && external !== e.path && external.endsWith(e.path)
            ? external.slice(0, external.length - e.path.length)
            : '');
      } else {
        const staged = stripPrefix(
          e.path,
          stageOf(e.requestContext?.stage, e.requestContext?.domainName),
        );
        const mapped = stripPrefix(staged.path, basePath ?? customDomainBasePath(e.requestContext));
        path = encodeDecodedPath(mapped.path);
        prefix = staged.stripped + mapped.stripped;
      }
      const sourceIp = e.requestContext?.identity?.sourceIp ?? '';
      return {
        values: {
          method: e.httpMethod,
          path: query ? `${path}?${query}` : path,
          headers,
          body: bodyOf(e.body, e.isBase64Encoded),
          remoteAddress: sourceIp,
        },
        facts: { sourceIp, basePath: prefix },
      };
    }
    case 'http-v2':
    case 'function-url': {
      const e = classified.event;
      const headers = normaliseHeaders(e.headers, undefined, e.cookies);
      let path: string;
      let prefix: string;
      if (classified.shape === 'http-v2') {
        const staged = stripPrefix(
          e.rawPath,
          stageOf(e.requestContext.stage, e.requestContext.domainName),
        );
        const mapped = stripPrefix(staged.path, basePath ?? customDomainBasePath(e.requestContext));
        path = encodeDecodedPath(mapped.path);
        prefix = staged.stripped + mapped.stripped;
      } else {
        const mapped = stripPrefix(e.rawPath, basePath);
        path = keepEncodedPath(mapped.path);
        prefix = mapped.stripped;
      }
      const sourceIp = e.requestContext.http.sourceIp;
      return {
        values: {
          method: e.requestContext.http.method,
          path: e.rawQueryString ? `${path}?${e.rawQueryString}` : path,
          headers,
          body: bodyOf(e.body, e.isBase64Encoded),
          remoteAddress: sourceIp,
        },
        facts: { sourceIp, basePath: prefix },
      };
    }
    case 'lattice-v2': {
      const e = classified.event;
      const headers = normaliseHeaders(undefined, e.headers);
      // The path may arrive with its query; else the query is in queryStringParameters.
      const [rawPath, rawQuery] = e.path.split(/\?(.*)/s) as [string, string | undefined];
      const query =
        rawQuery ?? encodeQuery(queryLists(undefined, e.queryStringParameters ?? undefined));
      const mapped = stripPrefix(rawPath, basePath);
      const path = keepEncodedPath(mapped.path);
      // Lattice appends the address it accepted the connection from, as ALB does.
      const sourceIp = lastForwardedFor(headers);
      return {
        values: {
          method: e.method,
          path: query ? `${path}?${query}` : path,
          headers,
          body: bodyOf(e.body, e.isBase64Encoded),
          remoteAddress: sourceIp,
        },
        facts: { sourceIp, basePath: mapped.stripped },
      };
    }
    case 'alb': {
      const e = classified.event;
      const headers = normaliseHeaders(e.headers, e.multiValueHeaders);
      const query = joinRawQuery(
        queryLists(e.multiValueQueryStringParameters, e.queryStringParameters),
      );
      const mapped = stripPrefix(e.path, basePath);
      const path = keepEncodedPath(mapped.path);
      const sourceIp = lastForwardedFor(headers);
      return {
        values: {
          method: e.httpMethod,
          path: query ? `${path}?${query}` : path,
          headers,
          body: bodyOf(e.body, e.isBase64Encoded),
          remoteAddress: sourceIp,
        },
        facts: { sourceIp, basePath: mapped.stripped },
      };
    }
  }
}
