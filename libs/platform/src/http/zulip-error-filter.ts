import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { type DomainError, ErrorCode, zulipError } from '@switchboard/contracts';
import { UNAVAILABLE_RETRY_AFTER_SECONDS, describe } from './error-filter';
import { toDomainError } from './to-domain-error';

/** `{"result":"error","msg","code"}` with Zulip's status codes; auth failures carry `WWW-Authenticate: Basic`. */
export function zulipErrorBody(error: DomainError): {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  const { status, code } = zulipError(error.code);
  const body: Record<string, unknown> = { result: 'error', msg: error.message, code };
  if (error.code === ErrorCode.BadEventQueue)
    body.queue_id = error.details?.find((detail) => detail.field === 'queue_id')?.message ?? '';
  if (error.code === ErrorCode.ValidationFailed && error.details?.[0]?.field) body.var_name = error.details[0].field;
  const headers: Record<string, string> =
    status === 401
      ? { 'WWW-Authenticate': 'Basic realm="zulip"' }
      : status === 503
        ? { 'Retry-After': UNAVAILABLE_RETRY_AFTER_SECONDS }
        : {};
  return { status, body, headers };
}

@Catch()
export class ZulipErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ZulipApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const error = toDomainError(exception);
    if (error.status >= 500) this.logger.error({ msg: 'zulip api call failed', err: describe(exception) });
    if (res.headersSent) return;
    const rendered = zulipErrorBody(error);
    res.status(rendered.status).set(rendered.headers).json(rendered.body);
  }
}
