import express, { type Request, type RequestHandler, type Response } from 'express';
import { HttpProblem } from './http-problem';
import { ProblemTypes } from './problem-types';

/** Media types parsed as JSON: plain JSON and every +json type (merge-patch included). */
const JSON_TYPES = ['application/json', 'application/*+json'];

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * JSON request bodies: UTF-8 only (RFC 8259 §8.1), so a body declared in any other charset
 * is a 415 before parsing, the same on the local server and in the Lambda bundle (which
 * carries no other decoders); then express.json with the size limit. Any JSON text parses,
 * a bare `42` or `"x"` included (`strict: false`): it is valid JSON, and the validator then
 * says what is wrong with it ("must be object") instead of calling it malformed.
 */
export function jsonBody(limit: string, needsBody: (req: Request) => boolean): RequestHandler[] {
  const requireUtf8: RequestHandler = (req, _res, next) => {
    const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-8$/i.test(charset)) {
      next(
        new HttpProblem(
          ProblemTypes.unsupportedMediaType,
          `Unsupported charset "${charset}"; request bodies must be UTF-8`,
        ),
      );
      return;
    }
    next();
  };
  return [
    requireUtf8,
    express.json({
      limit,
      strict: false,
      type: JSON_TYPES,
      verify: (_req, res, buf) => {
        (res as Response).locals.bodyBytes = buf.length;
      },
    }),
    requireBodyOnWrites(needsBody),
    rejectIllFormedStrings,
  ];
}

/**
 * Every operation whose contract requires a body (`needsBody`: the POSTs, PUTs and PATCHes of
 * openapi.yaml) gets one: an empty body parses to nothing the validator objects to (an empty
 * merge patch would bump the version). Refused here; a method the route does not have is not
 * `needsBody`, so the validator answers it with 405 first.
 */
const requireBodyOnWrites =
  (needsBody: (req: Request) => boolean): RequestHandler =>
  (req, res, next) => {
    const type = req.headers['content-type'];
    const otherType = type !== undefined && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type);
    // Another media type is the validator's 415; a JSON (or absent) type with no bytes is a 400.
    if (otherType || Number(res.locals.bodyBytes ?? 0) > 0 || !needsBody(req)) {
      next();
      return;
    }
    next(
      new HttpProblem(ProblemTypes.validation, 'A request body is required', {
        errors: [{ path: '/body', message: 'is required' }],
      }),
    );
  };

/**
 * JSON.parse accepts escaped lone surrogates ("\ud800"), which are not Unicode text: I-JSON
 * (RFC 7493) forbids them and DynamoDB stores UTF-8. Refused here, naming the first field.
 */
const rejectIllFormedStrings: RequestHandler = (req, _res, next) => {
  const problem = req.body === undefined ? undefined : findIllFormed(req.body);
  if (problem === undefined) {
    next();
    return;
  }
  next(new HttpProblem(ProblemTypes.validation, undefined, { errors: [problem] }));
};

/** No body of this API nests deeper than this; deeper is refused before any schema check. */
const MAX_DEPTH = 32;

/** With the u flag a valid pair is one code point, so only lone surrogates match. */
const LONE_SURROGATE = /\p{Cs}/u;

const pointer = (path: string, key: string) =>
  `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Iterative (a hostile body must not exhaust the stack): the first bad field, if any. */
function findIllFormed(body: unknown): { path: string; message: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '/body', depth: 0 },
  ];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) {
        return { path, message: 'must be well-formed Unicode (no lone surrogates)' };
      }
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_DEPTH) return { path, message: `must not nest deeper than ${MAX_DEPTH}` };
      for (const [key, child] of Object.entries(value)) {
        const childPath = pointer(path, key);
        if (LONE_SURROGATE.test(key)) {
          return { path: childPath, message: 'must be well-formed Unicode (no lone surrogates)' };
        }
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
