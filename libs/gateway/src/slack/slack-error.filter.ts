import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCode } from '@switchboard/contracts';
import { UNAVAILABLE_RETRY_AFTER_SECONDS, describe, toDomainError } from '@switchboard/platform';
import { RateLimitedError } from '../http/rate-limiter';
import { slackErrorName } from './slack-errors';
import { SlackApiError } from './web-api/slack-call';

/** Slack's Web API answers HTTP 200 with `{"ok":false,"error":…}`, except 429 (+ Retry-After) for rate limits. */
@Catch()
export class SlackErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('SlackApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof SlackApiError) {
      res.status(200).json({ ok: false, error: exception.error });
      return;
    }
    const error = toDomainError(exception);
    if (error.status >= 500) this.logger.error({ msg: 'slack api call failed', err: describe(exception) });
    if (exception instanceof RateLimitedError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (error.status === 503) res.setHeader('Retry-After', UNAVAILABLE_RETRY_AFTER_SECONDS);
    res.status(error.code === ErrorCode.RateLimited ? 429 : 200).json({ ok: false, error: slackErrorName(error.code) });
  }
}
