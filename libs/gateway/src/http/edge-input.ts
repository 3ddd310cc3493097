import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { forbiddenRequestInput } from '@switchboard/platform';
import { renderEdgeError } from './edge-error';

/** URLs longer than `maxBytes` are refused before anything parses them further (414). */
export function urlLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (Buffer.byteLength(req.originalUrl) <= maxBytes) return next();
    renderEdgeError(new DomainError(ErrorCode.UriTooLong, `The URL is longer than ${maxBytes} bytes`), req, res);
  };
}

/**
 * The uniform input rule (findForbiddenInput: no NUL, no prototype-pollution keys, bounded nesting)
 * on the path, query and parsed body of every request, answered in the dialect of the path.
 * Placed after the body parsers; messaging-service applies the same rule to its internal API.
 */
export function inputRules(req: Request, res: Response, next: NextFunction): void {
  const error = forbiddenRequestInput(req);
  if (!error) return next();
  renderEdgeError(error, req, res);
}
