import type { Express } from 'express';
import request from 'supertest';

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** Path plus query string, e.g. `/v1/items?limit=5`. */
  path: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON (Content-Type application/json unless given); a string as is. */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON when the response is JSON (problem+json included), else undefined. */
  body: unknown;
}

/** Sends one request to the app and returns the response. The Lambda issue adds handlers. */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

function parseBody(headers: Record<string, string>, text: string): unknown {
  const type = headers['content-type'] ?? '';
  if (!/[/+]json\b/.test(type) || text === '') return undefined;
  return JSON.parse(text) as unknown;
}

/** In-process Express through supertest (a real HTTP round trip on an ephemeral port). */
export function expressTransport(app: Express): Transport {
  return async (req) => {
    const method = req.method.toLowerCase() as Lowercase<HttpRequest['method']>;
    let test = request(app)[method](req.path);
    const headers = { ...req.headers };
    const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
    if (req.body !== undefined) {
      if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) {
        test = test.send(req.body);
      } else {
        if (!hasContentType) test = test.set('Content-Type', 'application/json');
        test = test.send(JSON.stringify(req.body));
      }
    }
    // Keep the raw text for every content type; parse JSON ourselves.
    const res = await test.buffer(true).parse((response, done) => {
      let data = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (data += chunk));
      response.on('end', () => done(null, data));
    });
    const resHeaders = Object.fromEntries(
      Object.entries(res.headers as Record<string, string | string[]>).map(([k, v]) => [
        k.toLowerCase(),
        Array.isArray(v) ? v.join(', ') : v,
      ]),
    );
    const text = typeof res.body === 'string' ? res.body : '';
    return { status: res.status, headers: resHeaders, text, body: parseBody(resHeaders, text) };
  };
}
