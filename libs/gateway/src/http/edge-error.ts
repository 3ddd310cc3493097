import type { Request, Response } from 'express';
import { type DomainError, ErrorCode } from '@switchboard/contracts';
import { zulipErrorBody } from '@switchboard/platform';
import { slackErrorName } from '../slack/slack-errors';

export type Dialect = 'slack' | 'zulip' | 'corteza';

/** Which client dialect a path belongs to: `/api/v1/…` Zulip, other `/api/…` Slack, the rest Corteza REST. */
export function dialectOf(path: string): Dialect {
  if (path.startsWith('/api/v1/')) return 'zulip';
  if (path.startsWith('/api/')) return 'slack';
  return 'corteza';
}

/**
 * Answers an error raised before routing (body parsing, input rules, limits) in the dialect of the
 * path called. Rate limits carry `Retry-After` in every dialect (and Zulip's `retry-after` field).
 */
export function renderEdgeError(error: DomainError, req: Request, res: Response, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
  switch (dialectOf(req.path)) {
    case 'slack':
      res
        .status(error.code === ErrorCode.RateLimited ? 429 : 200)
        .json({ ok: false, error: slackErrorName(error.code) });
      return;
    case 'zulip': {
      const rendered = zulipErrorBody(error);
      const body =
        retryAfterSeconds !== undefined ? { ...rendered.body, 'retry-after': retryAfterSeconds } : rendered.body;
      res.status(rendered.status).set(rendered.headers).json(body);
      return;
    }
    default:
      res.status(error.status).json(error.toBody());
  }
}

/** The body of a refusal written before Express saw the request (Node's parser: headers too large, malformed HTTP, too slow). */
export function framingErrorBody(path: string | undefined, status: number, code: string, message: string): string {
  switch (path === undefined ? 'corteza' : dialectOf(path)) {
    case 'slack':
      return JSON.stringify({ ok: false, error: status === 408 ? 'request_timeout' : 'invalid_arguments' });
    case 'zulip':
      return JSON.stringify({ result: 'error', msg: message, code: 'BAD_REQUEST' });
    default:
      return JSON.stringify({ error: { code, message } });
  }
}
