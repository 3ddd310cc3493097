import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode, findForbiddenInput } from '@switchboard/contracts';
import { sendError } from './send-error';

/** Checks the decoded path, the query and the parsed body of a request against findForbiddenInput. */
export function forbiddenRequestInput(req: Request): DomainError | undefined {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return new DomainError(ErrorCode.BadRequest, 'The path is not valid percent-encoding');
  }
  if (path.includes('\u0000')) return new DomainError(ErrorCode.BadRequest, 'The path must not contain NUL characters');
  const found = findForbiddenInput(req.query) ?? findForbiddenInput(req.body as unknown);
  return found ? new DomainError(ErrorCode.ValidationFailed, `Invalid input: ${found.message}`, [found]) : undefined;
}

/** Express middleware form of the rule, answering in the internal (Corteza-style) error shape. */
export function rejectForbiddenInput(req: Request, res: Response, next: NextFunction): void {
  const error = forbiddenRequestInput(req);
  if (!error) return next();
  sendError(res, 'corteza', error);
}
