import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { REQUEST_ID_HEADER } from '@switchboard/contracts';
import { ownCopy } from '../memory/own-copy';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type RequestWithId = Request & { id: string };

/** Every request gets an id (kept from the caller when sane) that logs and responses carry. */
export function requestId(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  (req as IncomingMessage & { id: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/** The caller's `X-Request-Id` when sane, else a fresh one (flat: parked polls keep it). */
export function requestIdFrom(given: string | string[] | undefined): string {
  return typeof given === 'string' && SAFE_ID.test(given) ? given : ownCopy(randomUUID());
}
