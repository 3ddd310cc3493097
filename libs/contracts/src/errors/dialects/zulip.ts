import type { DomainError } from '../domain-error';
import { ErrorCode } from '../error-codes';
import { RateLimitedError } from '../rate-limited-error';
import { zulipError } from '../../zulip/zulip-errors';
import type { RenderedError } from './dialect';
import { retryAfterHeader } from './retry-after';

/**
 * `{"result":"error","msg","code"}` with Zulip's status codes (zulip-errors.ts), plus `queue_id` for a
 * bad event queue, `var_name` for the parameter that failed validation and `retry-after` for a rate
 * limit. Auth failures carry `WWW-Authenticate: Basic`.
 */
export function renderZulipError(error: DomainError): RenderedError {
  const { status, code } = zulipError(error.code);
  const body: Record<string, unknown> = { result: 'error', msg: error.message, code };
  if (error.code === ErrorCode.BadEventQueue)
    body.queue_id = error.details?.find((detail) => detail.field === 'queue_id')?.message ?? '';
  if (error.code === ErrorCode.ValidationFailed && error.details?.[0]?.field) body.var_name = error.details[0].field;
  if (error instanceof RateLimitedError) body['retry-after'] = error.retryAfterSeconds;
  const headers = status === 401 ? { 'WWW-Authenticate': 'Basic realm="zulip"' } : retryAfterHeader(error);
  return { status, headers, body };
}
