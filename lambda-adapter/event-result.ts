import { STATUS_CODES } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import type { ClassifiedEvent } from './event-shape';
import type { HttpResponsePrelude } from './response-stream';

export interface NodeResponseValues {
  statusCode: number;
  /** utf8 text, or base64 when isBase64Encoded. */
  body: string;
  /** As Node holds them: lower-case names, arrays for repeated headers (Set-Cookie). */
  headers: Record<string, string | string[] | number | undefined>;
  isBase64Encoded: boolean;
}

function asLists(
  headers: NodeResponseValues['headers'] | OutgoingHttpHeaders,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    const key = name.toLowerCase();
    // Framing is the front door's: buffered bodies have none, streamed ones carry raw bytes.
    if (key === 'transfer-encoding') continue;
    out[key] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return out;
}

/**
 * The Lambda result each front door expects:
 * - REST and HTTP API payload 1.0: `multiValueHeaders` (repeated headers, Set-Cookie included);
 * - HTTP API 2.0 and Function URLs: `headers` joined with ', ' and Set-Cookie in `cookies`;
 * - ALB: `multiValueHeaders` when the target group enables them (the event then carries
 *   them too), else single-valued `headers`, which can hold one Set-Cookie only (the first);
 * - VPC Lattice: single-valued `headers` (the first Set-Cookie only, as ALB) and a status line.
 */
export function toEventResult(
  classified: ClassifiedEvent,
  res: NodeResponseValues,
): Record<string, unknown> {
  const lists = asLists(res.headers);
  const base = { statusCode: res.statusCode, body: res.body, isBase64Encoded: res.isBase64Encoded };
  switch (classified.shape) {
    case 'rest-v1':
    case 'http-v1':
      return { ...base, multiValueHeaders: lists };
    case 'http-v2':
    case 'function-url': {
      const { 'set-cookie': cookies, ...rest } = lists;
      const headers = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.join(', ')]));
      return { ...base, headers, ...(cookies ? { cookies } : {}) };
    }
    case 'lattice-v2':
      return {
        ...base,
        statusDescription: `${res.statusCode} ${STATUS_CODES[res.statusCode] ?? ''}`.trim(),
        headers: singleValued(lists),
      };
    case 'alb': {
      const statusDescription = `${res.statusCode} ${STATUS_CODES[res.statusCode] ?? ''}`.trim();
      if (classified.event.multiValueHeaders)
        return { ...base, statusDescription, multiValueHeaders: lists };
      return { ...base, statusDescription, headers: singleValued(lists) };
    }
  }
}

/** The shapes whose front door can stream a response: REST in STREAM mode, Function URLs. */
export type StreamableShape = 'rest-v1' | 'function-url';

export function isStreamable(classified: ClassifiedEvent): classified is ClassifiedEvent & {
  shape: StreamableShape;
} {
  return classified.shape === 'rest-v1' || classified.shape === 'function-url';
}

/**
 * Status and headers of a streamed response, as its front door reads them before the body:
 * `headers` with repeated values joined, and Set-Cookie apart, in `cookies` for a Function URL
 * and in `multiValueHeaders` for REST (AWS's own REST streaming example carries them so).
 */
export function toStreamPrelude(
  shape: StreamableShape,
  statusCode: number,
  headers: OutgoingHttpHeaders,
): HttpResponsePrelude {
  const { 'set-cookie': cookies, ...rest } = asLists(headers);
  const joined = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.join(', ')]));
  if (!cookies) return { statusCode, headers: joined };
  return shape === 'function-url'
    ? { statusCode, headers: joined, cookies }
    : { statusCode, headers: joined, multiValueHeaders: { 'set-cookie': cookies } };
}

/** One value per name: repeated headers joined, except Set-Cookie, which cannot be (the first). */
function singleValued(lists: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(lists).map(([k, v]) => [
      k,
      k === 'set-cookie' ? (v[0] as string) : v.join(', '),
    ]),
  );
}

const TEXT_TYPES =
  /^(text\/|application\/(json|problem\+json|merge-patch\+json|xml|javascript|x-www-form-urlencoded)$|application\/[\w.+-]+\+(json|xml)$)/;

/** Binary bodies travel base64-encoded: anything compressed or not recognisably text. */
export function isBinaryResponse(headers: NodeResponseValues['headers']): boolean {
  const encoding = String(headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding && encoding !== 'identity') return true;
  const type =
    String(headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase() ?? '';
  return type !== '' && !TEXT_TYPES.test(type);
}
