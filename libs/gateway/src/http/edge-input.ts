import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { forbiddenRequestInput, sendError } from '@switchboard/platform';
import { gatewayDialectOf } from './gateway-mounts';

/** URLs longer than `maxBytes` are refused before anything parses them further (414). */
export function urlLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (Buffer.byteLength(req.originalUrl) <= maxBytes) return next();
    sendError(
      res,
      gatewayDialectOf(req.path),
      new DomainError(ErrorCode.UriTooLong, `The URL is longer than ${maxBytes} bytes`),
    );
  };
}

/**
 * The uniform input rule (findForbiddenInput: no NUL, no prototype-pollution keys, bounded nesting)
 * on the path, query and parsed body of every request, answered in the dialect of the mount.
 * Placed after the body parsers; messaging-service applies the same rule to its internal API.
 */
export function inputRules(req: Request, res: Response, next: NextFunction): void {
  const error = forbiddenRequestInput(req);
  if (!error) return next();
  sendError(res, gatewayDialectOf(req.path), error);
}
