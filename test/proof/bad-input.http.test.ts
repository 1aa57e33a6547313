/**
 * Proof: hostile or malformed input never breaks the API. Every case below is answered with a
 * 4xx application/problem+json (never a 5xx), carries no header the client smuggled in, and
 * leaves the table exactly as it was: each case compares a full scan of the table before and
 * after (a case that changed anything fails, and the table is put back so the next case starts
 * from the same state). The last test reads the items back through the API.
 *
 * Some requests cannot be put on the wire by every transport: Node's HTTP client refuses CR,
 * LF and NUL in header values, and the Lambda event builders decode percent-escapes the way
 * API Gateway does (a malformed escape never reaches the function). Those cases name the
 * transports that cannot carry them; everything else runs on all of them.
 */
import { isDeepStrictEqual } from 'node:util';
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ProblemBody } from '../../app/http/problem-response';
import { ProblemTypes } from '../../app/http/problem-types';
import { startTestApi, type TestApi } from '../support/test-app';
import {
  selectedTransportKind,
  type HttpRequest,
  type HttpResponse,
  type TransportKind,
} from '../support/transport';

interface ItemBody {
  id: string;
  name: string;
  version: number;
  [field: string]: unknown;
}

/** What the cases need to know about the stored data (known once beforeAll ran). */
interface Fixture {
  /** The items as created (A: every field set; B: archived; C: defaults). */
  items: ItemBody[];
  a: ItemBody;
  b: ItemBody;
  /** A genuine nextCursor of `GET /v1/items?limit=1` (no status filter). */
  cursor: string;
}

type Problem = keyof typeof ProblemTypes;
interface Expected {
  status: number;
  problem: Problem;
}

interface Case extends Expected {
  name: string;
  request: (f: Fixture) => HttpRequest;
  /** A different, equally safe answer on one transport (e.g. HTTP API decodes the path). */
  on?: Partial<Record<TransportKind, Expected>>;
  /** Transports that cannot carry this request at all (see the file comment). */
  unsendableOn?: readonly TransportKind[];
  /** Extra assertions on the response. */
  check?: (res: HttpResponse, f: Fixture) => void;
}

const KIND = selectedTransportKind();
/** Node's HTTP client refuses CR, LF and NUL in header values; Lambda events carry them. */
const CLIENT_REFUSES_HEADER: readonly TransportKind[] = ['express'];
/** Event builders that percent-decode the path, as API Gateway does, and so need valid escapes. */
const DECODES_PATH: readonly TransportKind[] = ['rest-v1', 'http-v2', 'rest-v1-stream'];
/** HTTP API hands the function a decoded path: `%2F` is a real slash there. */
const DECODED_SLASH_404 = { 'http-v2': { status: 404, problem: 'notFound' } } as const;

const JSON_TYPE = 'application/json';
const MERGE_PATCH = 'application/merge-patch+json';
const OVER_LIMIT = 'y'.repeat(110 * 1024); // BODY_LIMIT is 100kb

/** A request whose body is sent byte for byte (no re-serialisation). */
function raw(
  method: HttpRequest['method'],
  path: string,
  body: string,
  contentType: string = method === 'PATCH' ? MERGE_PATCH : JSON_TYPE,
  headers: Record<string, string> = {},
): HttpRequest {
  return { method, path, body, headers: { 'Content-Type': contentType, ...headers } };
}

const get = (path: string, headers?: Record<string, string>): HttpRequest => ({
  method: 'GET',
  path,
  headers,
});
const del = (path: string, headers?: Record<string, string>): HttpRequest => ({
  method: 'DELETE',
  path,
  headers,
});
const item = (f: Fixture) => `/v1/items/${f.a.id}`;

/** A list of stale strong ETags that stays within If-Match's 512-character limit. */
function staleTags(): string {
  const tags: string[] = [];
  for (let v = 2; [...tags, `"v${v}"`].join(',').length <= 512; v++) tags.push(`"v${v}"`);
  return tags.join(',');
}

/** `base64url(payload).signature` with the payload's first character changed. */
function tamperPayload(cursor: string): string {
  return cursor.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
}

function tamperSignature(cursor: string): string {
  const sig = cursor.slice(cursor.indexOf('.') + 1);
  return `${cursor.slice(0, cursor.indexOf('.') + 1)}${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
}

/** A cursor whose payload names another item, keeping the original signature. */
function forgedCursor(cursor: string, id: string): string {
  const [body = '', sig = ''] = cursor.split('.');
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { i: string };
  payload.i = id;
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;
}

const SUPPLIED_ID_NOT_ECHOED = (supplied: string) => (res: HttpResponse) => {
  expect(res.headers['x-request-id']).toBeDefined();
  expect(res.headers['x-request-id']).not.toBe(supplied);
  expect((res.body as ProblemBody).requestId).not.toBe(supplied);
};

const CASES: Case[] = [
  // --- malformed JSON -------------------------------------------------------------------------
  ...(
    [
      ['truncated', '{"name":'],
      ['single quotes', "{'name':'x'}"],
      ['a trailing comma', '{"name":"x",}'],
      ['a NaN literal', '{"name":"x","price":NaN}'],
      ['a comment', '{"name":"x"/* hi */}'],
      ['a raw NUL byte inside a string', '{"name":"a\u0000b"}'],
      ['two documents', '{"name":"x"}{"name":"y"}'],
    ] as const
  ).map(([what, body]): Case => ({
    name: `POST with malformed JSON: ${what}`,
    request: () => raw('POST', '/v1/items', body),
    status: 400,
    problem: 'malformedJson',
  })),
  // Valid JSON that is not an object: the contract says what is wrong, not "malformed".
  ...(
    [
      ['a bare string', '"x"'],
      ['a bare null', 'null'],
      ['a bare number', '42'],
      ['an array', '[{"name":"x"}]'],
    ] as const
  ).map(([what, body]): Case => ({
    name: `POST with a JSON body that is not an object: ${what}`,
    request: () => raw('POST', '/v1/items', body),
    status: 400,
    problem: 'validation',
  })),
  {
    name: 'PUT of an existing item with malformed JSON',
    request: (f) => raw('PUT', item(f), '{"name":"x"'),
    status: 400,
    problem: 'malformedJson',
  },
  {
    name: 'PATCH of an existing item with malformed JSON',
    request: (f) => raw('PATCH', item(f), '{"name":'),
    status: 400,
    problem: 'malformedJson',
  },
  {
    name: 'POST with an empty JSON body',
    request: () => raw('POST', '/v1/items', ''),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with a JSON array instead of an object',
    request: () => raw('POST', '/v1/items', '[{"name":"x"}]'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PUT with a duplicate key whose last value is invalid',
    request: (f) => raw('PUT', item(f), '{"name":"ok","name":""}'),
    status: 400,
    problem: 'validation',
  },

  // --- wrong content type / encoding ----------------------------------------------------------
  ...(
    [
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=b'],
      ['XML', 'application/xml'],
      ['a Latin-1 charset', 'application/json; charset=latin1'],
      ['a UTF-16 charset', 'application/json; charset=utf-16'],
      ['merge-patch (PATCH only)', MERGE_PATCH],
    ] as const
  ).map(([what, type]): Case => ({
    name: `POST as ${what}`,
    request: () => raw('POST', '/v1/items', '{"name":"x"}', type),
    status: 415,
    problem: 'unsupportedMediaType',
  })),
  {
    name: 'POST with an unknown Content-Encoding',
    request: () =>
      raw('POST', '/v1/items', '{"name":"x"}', JSON_TYPE, { 'Content-Encoding': 'x-unknown' }),
    status: 415,
    problem: 'unsupportedMediaType',
  },
  {
    // Node 24's zlib decodes zstd, so body-parser accepts it: plain bytes under it are corrupt.
    name: 'POST declaring zstd but sending plain bytes',
    request: () =>
      raw('POST', '/v1/items', '{"name":"x"}', JSON_TYPE, { 'Content-Encoding': 'zstd' }),
    status: 400,
    problem: 'malformedJson',
  },
  {
    name: 'POST declaring gzip but sending plain bytes',
    request: () =>
      raw('POST', '/v1/items', '{"name":"x"}', JSON_TYPE, { 'Content-Encoding': 'gzip' }),
    status: 400,
    problem: 'malformedJson',
  },
  {
    name: 'PUT of an existing item as merge-patch',
    request: (f) => raw('PUT', item(f), '{"name":"x"}', MERGE_PATCH),
    status: 415,
    problem: 'unsupportedMediaType',
  },
  {
    name: 'PATCH of an existing item as plain JSON',
    request: (f) => raw('PATCH', item(f), '{"name":"x"}', JSON_TYPE),
    status: 415,
    problem: 'unsupportedMediaType',
  },
  {
    name: 'PATCH of an existing item as JSON Patch',
    request: (f) =>
      raw(
        'PATCH',
        item(f),
        '[{"op":"replace","path":"/name","value":"x"}]',
        'application/json-patch+json',
      ),
    status: 415,
    problem: 'unsupportedMediaType',
  },

  // --- oversized bodies -----------------------------------------------------------------------
  {
    name: 'POST of a body over BODY_LIMIT',
    request: () => raw('POST', '/v1/items', JSON.stringify({ name: 'x', description: OVER_LIMIT })),
    status: 413,
    problem: 'payloadTooLarge',
  },
  {
    name: 'PUT of an existing item with a body over BODY_LIMIT',
    request: (f) => raw('PUT', item(f), JSON.stringify({ name: 'x', description: OVER_LIMIT })),
    status: 413,
    problem: 'payloadTooLarge',
  },
  {
    name: 'PATCH of an existing item with a body over BODY_LIMIT',
    request: (f) => raw('PATCH', item(f), JSON.stringify({ description: OVER_LIMIT })),
    status: 413,
    problem: 'payloadTooLarge',
  },

  // --- deep nesting, huge arrays and strings (each under BODY_LIMIT) ---------------------------
  {
    name: 'POST with tags nested 45,000 arrays deep',
    request: () =>
      raw('POST', '/v1/items', `{"name":"x","tags":${'['.repeat(45000)}${']'.repeat(45000)}}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with an unknown property nested 16,000 objects deep',
    request: () =>
      raw('POST', '/v1/items', `{"name":"x","z":${'{"a":'.repeat(16000)}1${'}'.repeat(16000)}}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PATCH of an existing item with tags nested 45,000 arrays deep',
    request: (f) => raw('PATCH', item(f), `{"tags":${'['.repeat(45000)}${']'.repeat(45000)}}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PUT of an existing item with a name nested 16,000 objects deep',
    request: (f) => raw('PUT', item(f), `{"name":${'{"a":'.repeat(16000)}1${'}'.repeat(16000)}}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with 9,000 distinct tags',
    request: () =>
      raw(
        'POST',
        '/v1/items',
        JSON.stringify({ name: 'x', tags: Array.from({ length: 9000 }, (_, i) => `t${i}`) }),
      ),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with 15,000 identical objects as tags',
    request: () =>
      raw(
        'POST',
        '/v1/items',
        JSON.stringify({ name: 'x', tags: Array.from({ length: 15000 }, () => ({})) }),
      ),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PATCH of an existing item with 9,000 tags',
    request: (f) =>
      raw(
        'PATCH',
        item(f),
        JSON.stringify({ tags: Array.from({ length: 9000 }, (_, i) => `${i}`) }),
      ),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with 8,000 unknown properties',
    request: () =>
      raw(
        'POST',
        '/v1/items',
        JSON.stringify({
          name: 'x',
          ...Object.fromEntries(Array.from({ length: 8000 }, (_, i) => [`k${i}`, 1])),
        }),
      ),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST of a top-level array of 40,000 numbers',
    request: () => raw('POST', '/v1/items', `[${Array(40000).fill(1).join(',')}]`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with a 90,000-character name',
    request: () => raw('POST', '/v1/items', JSON.stringify({ name: 'n'.repeat(90000) })),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PUT of an existing item with a 90,000-character description',
    request: (f) =>
      raw('PUT', item(f), JSON.stringify({ name: 'x', description: 'd'.repeat(90000) })),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with a price that overflows to Infinity (1e400)',
    request: () => raw('POST', '/v1/items', '{"name":"x","price":1e400}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PATCH of an existing item with a price of -1e400',
    request: (f) => raw('PATCH', item(f), '{"price":-1e400}'),
    status: 400,
    problem: 'validation',
  },

  // --- prototype keys -------------------------------------------------------------------------
  {
    name: 'POST with an own "__proto__" key',
    request: () => raw('POST', '/v1/items', '{"name":"x","__proto__":{"status":"archived"}}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PUT of an existing item with an own "__proto__" key',
    request: (f) => raw('PUT', item(f), '{"name":"x","__proto__":{"polluted":true}}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PATCH of an existing item with only a "__proto__" key',
    request: (f) => raw('PATCH', item(f), '{"__proto__":{"name":"hacked"}}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PATCH of an existing item with a "constructor.prototype" key',
    request: (f) => raw('PATCH', item(f), '{"constructor":{"prototype":{"polluted":true}}}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a "__proto__" query key',
    request: () => get('/v1/items?%5F%5Fproto%5F%5F=1'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a "__proto__[limit]" query key',
    request: () => get('/v1/items?__proto__[limit]=1'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a "constructor" query key',
    request: () => get('/v1/items?%63onstructor=1'),
    status: 400,
    problem: 'validation',
  },

  // --- Unicode edge cases ---------------------------------------------------------------------
  {
    name: 'POST with a name that is a lone high surrogate',
    request: () => raw('POST', '/v1/items', '{"name":"\\ud800"}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PUT of an existing item with a lone low surrogate in the name',
    request: (f) => raw('PUT', item(f), '{"name":"x\\udc00"}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PATCH of an existing item with a lone surrogate as a tag',
    request: (f) => raw('PATCH', item(f), '{"tags":["\\udfff"]}'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with a name of 201 astral characters (402 UTF-16 units)',
    request: () => raw('POST', '/v1/items', JSON.stringify({ name: '\u{1F600}'.repeat(201) })),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with a name of 101 letters with combining accents (202 code points)',
    request: () => raw('POST', '/v1/items', JSON.stringify({ name: 'e\u0301'.repeat(101) })),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PATCH of an existing item with a tag of 51 astral characters',
    request: (f) => raw('PATCH', item(f), JSON.stringify({ tags: ['\u{1F600}'.repeat(51)] })),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'POST with a name made only of Unicode spaces',
    request: () => raw('POST', '/v1/items', JSON.stringify({ name: '\u00a0\u2003\u3000' })),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'GET of an id starting with a right-to-left override',
    request: (f) => get(`/v1/items/%E2%80%AE${f.a.id.slice(1)}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'GET of an id ending in a full-width digit',
    request: (f) => get(`/v1/items/${f.a.id.slice(0, -1)}%EF%BC%91`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a status carrying a right-to-left override',
    request: () => get('/v1/items?status=%E2%80%AEactive'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a status carrying a NUL',
    request: () => get('/v1/items?status=active%00'),
    status: 400,
    problem: 'validation',
  },

  // --- path traversal and encoded slashes in ids ----------------------------------------------
  {
    name: 'GET /v1/items/..%2F..%2Fhealth',
    request: () => get('/v1/items/..%2F..%2Fhealth'),
    status: 400,
    problem: 'validation',
    on: DECODED_SLASH_404,
  },
  {
    name: 'GET /v1/items/%2e%2e',
    request: () => get('/v1/items/%2e%2e'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'GET /v1/items/%2e%2e%2fhealth',
    request: () => get('/v1/items/%2e%2e%2fhealth'),
    status: 400,
    problem: 'validation',
    on: DECODED_SLASH_404,
  },
  {
    name: 'GET /v1/items/{id}/../../health',
    request: (f) => get(`${item(f)}/../../health`),
    status: 404,
    problem: 'notFound',
  },
  {
    name: 'PUT /v1/items/x%2F..%2F{id}',
    request: (f) => raw('PUT', `/v1/items/x%2F..%2F${f.a.id}`, '{"name":"hijacked"}'),
    status: 400,
    problem: 'validation',
    on: DECODED_SLASH_404,
  },
  {
    name: 'PATCH /v1/items/..%2F{id}',
    request: (f) => raw('PATCH', `/v1/items/..%2F${f.a.id}`, '{"name":"hijacked"}'),
    status: 400,
    problem: 'validation',
    on: DECODED_SLASH_404,
  },
  {
    name: 'DELETE /v1/items/{id}%2F',
    request: (f) => del(`${item(f)}%2F`),
    status: 400,
    problem: 'validation',
    on: DECODED_SLASH_404,
  },
  {
    name: 'DELETE /v1/items/{id}/..',
    request: (f) => del(`${item(f)}/..`),
    status: 404,
    problem: 'notFound',
  },
  {
    name: 'DELETE /v1/items/{id}%00',
    request: (f) => del(`${item(f)}%00`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'DELETE /v1/items/%252e%252e%252f{id} (double-encoded)',
    request: (f) => del(`/v1/items/%252e%252e%252f${f.a.id}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'DELETE of the id in upper case',
    request: (f) => del(`/v1/items/${f.a.id.toUpperCase()}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'DELETE /v1/items/{id}% (a broken escape)',
    request: (f) => del(`${item(f)}%`),
    status: 400,
    problem: 'validation',
    unsendableOn: DECODES_PATH,
  },
  {
    name: 'GET /v1/items/%zz (an invalid escape)',
    request: () => get('/v1/items/%zz'),
    status: 400,
    problem: 'validation',
    unsendableOn: DECODES_PATH,
  },
  {
    name: 'GET /v1/items/%ED%A0%80 (an encoded surrogate)',
    request: () => get('/v1/items/%ED%A0%80'),
    status: 400,
    problem: 'validation',
    unsendableOn: DECODES_PATH,
  },

  // --- limit ----------------------------------------------------------------------------------
  ...[
    '0',
    '-1',
    '101',
    '99999999999999999999999',
    'abc',
    '1.5',
    '',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400',
    '5&limit=10',
    '5&limit=5',
  ].map((value): Case => ({
    name: `list with limit=${value}`,
    request: () => get(`/v1/items?limit=${value}`),
    status: 400,
    problem: 'validation',
  })),
  {
    name: 'list with limit[]=5',
    request: () => get('/v1/items?limit[]=5'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with limit[a]=5',
    request: () => get('/v1/items?limit[a]=5'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with 500 limit keys',
    request: () => get(`/v1/items?${Array(500).fill('limit=1').join('&')}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with 500 unknown query keys',
    request: () => get(`/v1/items?${Array.from({ length: 500 }, (_, i) => `q${i}=1`).join('&')}`),
    status: 400,
    problem: 'validation',
  },
  {
    // Past MAX_REQUEST_TARGET_BYTES (4096): refused before anything parses the query.
    name: 'list with 1,000 limit keys (a 7 KB request target)',
    request: () => get(`/v1/items?${Array(1000).fill('limit=1').join('&')}`),
    status: 414,
    problem: 'uriTooLong',
  },
  {
    name: 'a 15 KB path of eyJ (the redaction pattern would restart at each one)',
    request: () => get(`/${'eyJ'.repeat(5000)}`),
    status: 414,
    problem: 'uriTooLong',
  },
  {
    name: 'a query key in bracket notation (the validator would drop it unseen)',
    request: () => get('/v1/items?[x]=1'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'a known query key in bracket notation',
    request: () => get('/v1/items?status[0]=done'),
    status: 400,
    problem: 'validation',
  },

  // --- cursors and other query values ---------------------------------------------------------
  {
    name: 'list with a cursor whose payload was altered',
    request: (f) => get(`/v1/items?limit=1&cursor=${tamperPayload(f.cursor)}`),
    status: 400,
    problem: 'invalidCursor',
  },
  {
    name: 'list with a cursor whose signature was altered',
    request: (f) => get(`/v1/items?limit=1&cursor=${tamperSignature(f.cursor)}`),
    status: 400,
    problem: 'invalidCursor',
  },
  {
    name: 'list with a cursor re-pointed at another item under the old signature',
    request: (f) => get(`/v1/items?limit=1&cursor=${forgedCursor(f.cursor, f.b.id)}`),
    status: 400,
    problem: 'invalidCursor',
  },
  {
    name: 'list with a cursor issued for another status filter',
    request: (f) => get(`/v1/items?limit=1&status=active&cursor=${f.cursor}`),
    status: 400,
    problem: 'invalidCursor',
  },
  {
    name: 'list with a cursor with an extra segment',
    request: (f) => get(`/v1/items?limit=1&cursor=${f.cursor}.x`),
    status: 400,
    problem: 'invalidCursor',
  },
  {
    name: 'list with a cursor without its signature',
    request: (f) => get(`/v1/items?limit=1&cursor=${f.cursor.split('.')[0] ?? ''}`),
    status: 400,
    problem: 'invalidCursor',
  },
  {
    name: 'list with a 1,025-character cursor',
    request: () => get(`/v1/items?cursor=${'a'.repeat(1025)}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with an empty cursor',
    request: () => get('/v1/items?cursor='),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a path-traversal cursor',
    request: () => get('/v1/items?cursor=..%2F..%2Fetc%2Fpasswd'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a cursor carrying a NUL',
    request: (f) => get(`/v1/items?cursor=${f.cursor}%00`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with a right-to-left override as cursor',
    request: () => get('/v1/items?cursor=%E2%80%AE'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with the cursor key twice',
    request: (f) => get(`/v1/items?cursor=${f.cursor}&cursor=${f.cursor}`),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with two different status values',
    request: () => get('/v1/items?status=active&status=archived'),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'list with the same status value twice',
    request: () => get('/v1/items?status=active&status=active'),
    status: 400,
    problem: 'validation',
  },

  // --- headers: If-Match, Idempotency-Key, X-Request-Id ---------------------------------------
  {
    name: 'PUT with an If-Match over 512 characters',
    request: (f) =>
      raw('PUT', item(f), '{"name":"x"}', JSON_TYPE, { 'If-Match': `"v1",${' '.repeat(510)}"v1"` }),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PUT with an empty If-Match',
    request: (f) => raw('PUT', item(f), '{"name":"x"}', JSON_TYPE, { 'If-Match': '' }),
    status: 400,
    problem: 'validation',
  },
  {
    name: 'PUT with a weak If-Match of the current version',
    request: (f) => raw('PUT', item(f), '{"name":"x"}', JSON_TYPE, { 'If-Match': 'W/"v1"' }),
    status: 412,
    problem: 'preconditionFailed',
  },
  {
    name: 'DELETE with an If-Match that is not an entity tag',
    request: (f) => del(item(f), { 'If-Match': 'v1' }),
    status: 412,
    problem: 'preconditionFailed',
  },
  {
    name: 'DELETE with an If-Match version of 19 digits',
    request: (f) => del(item(f), { 'If-Match': '"v1111111111111111111"' }),
    status: 412,
    problem: 'preconditionFailed',
  },
  {
    name: 'DELETE with If-Match "W/*"',
    request: (f) => del(item(f), { 'If-Match': '"v9", W/*' }),
    status: 412,
    problem: 'preconditionFailed',
  },
  {
    name: 'PATCH with an If-Match listing as many stale tags as fit',
    request: (f) => raw('PATCH', item(f), '{"name":"x"}', MERGE_PATCH, { 'If-Match': staleTags() }),
    status: 412,
    problem: 'preconditionFailed',
  },
  {
    name: 'PUT with CR/LF in If-Match smuggling a header',
    request: (f) =>
      raw('PUT', item(f), '{"name":"x"}', JSON_TYPE, { 'If-Match': '"v1"\r\nX-Injected: yes' }),
    status: 412,
    problem: 'preconditionFailed',
    unsendableOn: CLIENT_REFUSES_HEADER,
  },
  {
    name: 'DELETE with CR/LF in If-Match smuggling "If-Match: *"',
    request: (f) => del(item(f), { 'If-Match': '"v9"\r\nIf-Match: *' }),
    status: 412,
    problem: 'preconditionFailed',
    unsendableOn: CLIENT_REFUSES_HEADER,
  },
  {
    name: 'PUT with a NUL after the If-Match tag',
    request: (f) => raw('PUT', item(f), '{"name":"x"}', JSON_TYPE, { 'If-Match': '"v1"\u0000' }),
    status: 412,
    problem: 'preconditionFailed',
    unsendableOn: CLIENT_REFUSES_HEADER,
  },
  {
    name: 'DELETE with a right-to-left override inside the If-Match tag',
    request: (f) => del(item(f), { 'If-Match': '"v1\u202e"' }),
    status: 412,
    problem: 'preconditionFailed',
    unsendableOn: CLIENT_REFUSES_HEADER,
  },
  {
    name: 'invalid PUT with CR/LF in Idempotency-Key smuggling a header',
    request: (f) =>
      raw('PUT', item(f), '{"name":""}', JSON_TYPE, { 'Idempotency-Key': 'k\r\nX-Injected: yes' }),
    status: 400,
    problem: 'validation',
    unsendableOn: CLIENT_REFUSES_HEADER,
  },
  {
    name: 'invalid POST with a 10,000-character Idempotency-Key',
    request: () =>
      raw('POST', '/v1/items', '{"name":""}', JSON_TYPE, { 'Idempotency-Key': 'k'.repeat(10000) }),
    status: 400,
    problem: 'validation',
  },
  ...(
    [
      ['129 characters long', 'r'.repeat(129), []],
      ['with markup', '<script>alert(1)</script>', []],
      ['with spaces and quotes', 'a "b" c', []],
      ['with CR/LF smuggling a header', 'abc\r\nX-Injected: yes', CLIENT_REFUSES_HEADER],
      ['with a right-to-left override', 'abc\u202edef', CLIENT_REFUSES_HEADER],
    ] as const
  ).map(([what, value, unsendableOn]): Case => ({
    name: `malformed GET with an X-Request-Id ${what} (not echoed)`,
    request: () => get('/v1/items/not-an-id', { 'X-Request-Id': value }),
    status: 400,
    problem: 'validation',
    unsendableOn,
    check: SUPPLIED_ID_NOT_ECHOED(value),
  })),
];

let t: TestApi;
let f: Fixture;
let before: Record<string, unknown>[];
/** Cases that changed the table (each also fails on its own). */
const changedBy: string[] = [];

async function storedRecords(): Promise<Record<string, unknown>[]> {
  const out = await t.store.client.send(
    new ScanCommand({ TableName: t.store.tableName, ConsistentRead: true }),
  );
  return (out.Items ?? []).sort((x, y) => String(x.id).localeCompare(String(y.id)));
}

/** Puts the table back as it was before the matrix, so one bad case cannot mask the next. */
async function restore(current: Record<string, unknown>[]): Promise<void> {
  const keep = new Set(before.map((r) => r.id));
  for (const r of current.filter((r) => !keep.has(r.id))) {
    await t.store.client.send(
      new DeleteCommand({ TableName: t.store.tableName, Key: { id: r.id } }),
    );
  }
  for (const r of before) {
    await t.store.client.send(new PutCommand({ TableName: t.store.tableName, Item: r }));
  }
}

beforeAll(async () => {
  t = await startTestApi();
  const created: ItemBody[] = [];
  for (const body of [
    { name: 'Alpha', description: 'first', price: 9.5, tags: ['blue'] },
    { name: 'Beta', status: 'archived' },
    { name: 'Gamma' },
  ]) {
    const res = await t.api.post('/v1/items', body);
    expect(res.status).toBe(201);
    created.push(res.body as ItemBody);
  }
  const page = await t.api.get('/v1/items?limit=1');
  const [a, b] = created as [ItemBody, ItemBody];
  f = { items: created, a, b, cursor: (page.body as { nextCursor: string }).nextCursor };
  expect(f.cursor).toEqual(expect.any(String));
  before = await storedRecords();
  expect(before).toHaveLength(3);
});

afterAll(async () => {
  await t.close();
});

describe('bad input', () => {
  const cases = CASES.filter((c) => !c.unsendableOn?.includes(KIND));

  it.each(cases)('$name: 4xx problem, nothing stored changes', async (c) => {
    const req = c.request(f);
    const res = await t.api.send(req);
    // Reads cannot write; the last test scans once more after all of them.
    const after = req.method === 'GET' ? before : await storedRecords();
    const storeChanged = !isDeepStrictEqual(after, before);
    if (storeChanged) {
      changedBy.push(c.name);
      await restore(after);
    }
    const expected = c.on?.[KIND] ?? c;
    const problem = res.body as ProblemBody | undefined;
    // One assertion for the three facts, so a failure shows all of them at once.
    expect({ status: res.status, type: problem?.type, storeChanged }).toEqual({
      status: expected.status,
      type: ProblemTypes[expected.problem].type,
      storeChanged: false,
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem?.status).toBe(res.status);
    expect(problem?.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['x-injected']).toBeUndefined();
    c.check?.(res, f);
  });

  it('reads every item back unchanged through the API; no prototype was polluted', async () => {
    expect(await storedRecords()).toEqual(before);
    for (const created of f.items) {
      const res = await t.api.get(`/v1/items/${created.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(created);
    }
    const list = await t.api.get('/v1/items?limit=100');
    expect((list.body as { items: ItemBody[] }).items).toHaveLength(f.items.length);
    for (const key of ['polluted', 'status', 'name', 'limit']) {
      expect(Object.prototype).not.toHaveProperty(key);
    }
    // The store is as it was because each case that changed it was undone: name them all.
    expect(changedBy).toEqual([]);
  });
});
