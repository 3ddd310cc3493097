import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import multer from 'multer';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { sendError, toDomainError } from '@switchboard/platform';
import { gatewayDialectOf } from './gateway-mounts';

/**
 * Bodies arrive as JSON (Corteza-style clients), urlencoded forms (Slack clients) or multipart
 * forms without files (Zulip clients). Parse failures are answered here, before routing, in the
 * dialect of the mount that was called (gateway-mounts.ts). The one route that takes a file
 * (attachments) parses its own multipart body, with the attachment size limit (AttachmentUploadInterceptor).
 */
const FILE_ROUTES = /^\/channels\/[^/]+\/attach\/?$/;

export function bodyParsers(maxBytes: number) {
  const fields = multer({ limits: { fieldSize: maxBytes, fields: 200, files: 0 } }).none();
  return [
    express.json({ limit: maxBytes }),
    express.urlencoded({ extended: true, limit: maxBytes, parameterLimit: 1000 }),
    (req: Request, res: Response, next: NextFunction) =>
      req.is('multipart/form-data') && !FILE_ROUTES.test(req.path) ? fields(req, res, next) : next(),
    renderBodyError,
  ];
}

/**
 * Everything that reaches this handler was raised while parsing the client's body: a body-parser
 * error with its own 4xx, or a multipart error (multer's, or busboy's plain Error for a missing
 * boundary or a truncated form), which is the client's malformed body too, never a 500.
 */
function renderBodyError(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!err) return next();
  const error = toDomainError(err);
  sendError(
    res,
    gatewayDialectOf(req.path),
    error.status >= 500 ? new DomainError(ErrorCode.BadRequest, 'Malformed request body') : error,
  );
}
