import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import multer from 'multer';
import { sendError, toDomainError } from '@switchboard/platform';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Zulip clients POST urlencoded or multipart forms (zulip-js) or JSON. Each parser answers its own
 * failures in Zulip's shape (Nest middleware cannot be express error handlers).
 */
export function zulipBodyParsers(): RequestHandler[] {
  const multipart = multer({ limits: { fieldSize: MAX_BODY_BYTES, fields: 100, files: 0 } }).none();
  return [
    express.json({ limit: MAX_BODY_BYTES }),
    express.urlencoded({ extended: false, limit: MAX_BODY_BYTES, parameterLimit: 100 }),
    (req: Request, res: Response, next: NextFunction) =>
      req.is('multipart/form-data') ? multipart(req, res, next) : next(),
  ].map((parser) => (req: Request, res: Response, next: NextFunction) => {
    parser(req, res, (err?: unknown) => {
      if (!err) return next();
      const error = toDomainError(
        (err as { name?: string }).name === 'MulterError' ? { type: 'multipart', status: 400 } : err,
      );
      sendError(res, 'zulip', error);
    });
  });
}
