import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import multer from 'multer';
import { toDomainError } from '@switchboard/platform';
import { renderEdgeError } from './edge-error';

/**
 * Bodies arrive as JSON (Corteza-style clients), urlencoded forms (Slack clients) or multipart
 * forms without files (Zulip clients). Parse failures are answered here, before routing, in the
 * dialect of the path that was called. The one route that takes a file (attachments) parses its
 * own multipart body, with the attachment size limit (AttachmentUploadInterceptor).
 */
const FILE_ROUTES = /^\/channels\/[^/]+\/attach\/?$/;

export function bodyParsers(maxBytes: number) {
  const fields = multer({ limits: { fieldSize: maxBytes, fields: 200, files: 0 } }).none();
  return [
    express.json({ limit: maxBytes }),
    express.urlencoded({ extended: true, limit: maxBytes, parameterLimit: 1000 }),
    (req: Request, res: Response, next: NextFunction) => (req.is('multipart/form-data') && !FILE_ROUTES.test(req.path) ? fields(req, res, next) : next()),
    renderBodyError,
  ];
}

function renderBodyError(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (!err) return next();
  renderEdgeError(toDomainError(isMulterError(err) ? { type: 'multipart', status: 400 } : err), req, res);
}

function isMulterError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'MulterError';
}
