import type { DomainError } from '../domain-error';
import { renderCortezaError } from './corteza';
import type { DialectName, RenderedError } from './dialect';
import { renderSlackError } from './slack';
import { renderZulipError } from './zulip';

const RENDERERS: Record<DialectName, (error: DomainError) => RenderedError> = {
  corteza: renderCortezaError,
  slack: renderSlackError,
  zulip: renderZulipError,
};

/** An error as the given dialect puts it on the wire. Pure: the caller writes it (DialectErrorFilter, sendError). */
export function renderError(dialect: DialectName, error: DomainError): RenderedError {
  return RENDERERS[dialect](error);
}
