import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER } from '@switchboard/contracts';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type RequestWithId = Request & { id: string };

/** Every request gets an id (kept from the caller when sane) that logs and responses carry. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.header(REQUEST_ID_HEADER);
  const id = given && SAFE_ID.test(given) ? given : randomUUID();
  (req as RequestWithId).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}
