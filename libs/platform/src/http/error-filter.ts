import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toDomainError } from './to-domain-error';

/** A dependency is down (a replica restarting, a database failover): worth retrying soon, not at once. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = '2';

/** Renders every error as `{"error":{"code","message","details"?}}` (docs/errors.md). */
@Catch()
export class JsonErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const error = toDomainError(exception);
    if (error.status >= 500) this.logger.error({ msg: 'request failed', err: describe(exception) });
    if (res.headersSent) return;
    if (error.status === 503) res.setHeader('Retry-After', UNAVAILABLE_RETRY_AFTER_SECONDS);
    res.status(error.status).json(error.toBody());
  }
}

export function describe(exception: unknown): { message: string; stack?: string } {
  return exception instanceof Error
    ? { message: exception.message, stack: exception.stack }
    : { message: String(exception) };
}
