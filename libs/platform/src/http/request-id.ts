import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { REQUEST_ID_HEADER } from '@switchboard/contracts';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type RequestWithId = Request & { id: string };

/** Every request gets an id (kept from the caller when sane) that logs and responses carry. */
export function requestId(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  (req as IncomingMessage & { id: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}
