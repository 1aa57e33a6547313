import express, { type RequestHandler } from 'express';
import { HttpProblem } from './http-problem';
import { ProblemTypes } from './problem-types';

/** Media types parsed as JSON: plain JSON and every +json type (merge-patch included). */
const JSON_TYPES = ['application/json', 'application/*+json'];

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * JSON request bodies: UTF-8 only (RFC 8259 §8.1), so a body declared in any other charset
 * is a 415 before parsing, the same on the local server and in the Lambda bundle (which
 * carries no other decoders); then express.json with the size limit.
 */
export function jsonBody(limit: string): RequestHandler[] {
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
  return [requireUtf8, express.json({ limit, type: JSON_TYPES })];
}
