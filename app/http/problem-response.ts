import type { Request, Response } from 'express';
import type { components } from '../openapi/schema';
import type { FieldError } from './http-problem';
import { sendJson } from './send-json';
import type { ProblemType } from './problem-types';

/** RFC 9457 problem details, as `Problem` in openapi.yaml (generated: app/openapi/schema.d.ts). */
export type ProblemBody = components['schemas']['Problem'];

/** Writes an RFC 9457 problem details response. */
export function sendProblem(
  req: Request,
  res: Response,
  problemType: ProblemType,
  detail?: string,
  errors?: FieldError[],
): void {
  const body: ProblemBody = {
    type: problemType.type,
    title: problemType.title,
    status: problemType.status,
    ...(detail ? { detail } : {}),
    instance: req.originalUrl.split('?')[0],
    requestId: req.id,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  res.status(problemType.status);
  sendJson(req, res, body, 'application/problem+json');
}
