import type { DomainError } from '../domain-error';
import type { RenderedError } from './dialect';
import { retryAfterHeader } from './retry-after';

/** Messaging REST: the code's own HTTP status and `{"error":{"code","message","details"?}}` (docs/errors.md). */
export function renderCortezaError(error: DomainError): RenderedError {
  return { status: error.status, headers: retryAfterHeader(error), body: { ...error.toBody() } };
}
