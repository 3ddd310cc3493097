import type { DomainError } from '../domain-error';
import { ErrorCode } from '../error-codes';
import { RateLimitedError } from '../rate-limited-error';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from './dialect';

/** `Retry-After` for a rate limit that knows its window, and for a dependency that is down; else none. */
export function retryAfterHeader(error: DomainError): Record<string, string> {
  if (error instanceof RateLimitedError) return { 'Retry-After': String(error.retryAfterSeconds) };
  if (error.code === ErrorCode.Unavailable) return { 'Retry-After': UNAVAILABLE_RETRY_AFTER_SECONDS };
  return {};
}
