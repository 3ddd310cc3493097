import type { Response } from 'express';
import { type DialectName, type DomainError, renderError } from '@switchboard/contracts';

/** Writes an error in a dialect: the one way plain Express middleware (body parsers, limits) answers a refusal. */
export function sendError(res: Response, dialect: DialectName, error: DomainError): void {
  const rendered = renderError(dialect, error);
  res.status(rendered.status).set(rendered.headers).json(rendered.body);
}
