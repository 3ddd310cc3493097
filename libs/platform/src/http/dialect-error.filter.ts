import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { DialectName, DomainError } from '@switchboard/contracts';
import { sendError } from './send-error';
import { toDomainError } from './to-domain-error';

/**
 * Answers anything a route throws in that route's dialect (`@Dialect`); an app's global instance
 * answers in its default dialect (unknown routes among them). 5xx are logged, never shown.
 */
@Catch()
export class DialectErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(readonly dialect: DialectName) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    this.answer(exception, host.switchToHttp().getResponse<Response>());
  }

  /** The same, for plain Express routes and for answers sent after a handler returned. */
  answer(exception: unknown, res: Response): void {
    const error = this.report(exception);
    if (res.headersSent) return;
    sendError(res, this.dialect, error);
  }

  /** The error a client is shown for `exception`; a 5xx is logged with its cause. */
  report(exception: unknown): DomainError {
    const error = toDomainError(exception);
    if (error.status >= 500)
      this.logger.error({ msg: 'request failed', dialect: this.dialect, err: describe(exception) });
    return error;
  }
}

function describe(exception: unknown): { message: string; stack?: string } {
  return exception instanceof Error
    ? { message: exception.message, stack: exception.stack }
    : { message: String(exception) };
}
