import { invalid } from './zulip-params';

/** `to` of a channel message: a name or id, possibly JSON-encoded, possibly a one-element list (legacy). */
export function streamReference(to: unknown): string {
  const value = Array.isArray(to) && to.length === 1 ? (to[0] as unknown) : to;
  if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '')) return String(value);
  throw invalid('to', 'must name one channel');
}

/** `to` of a direct message: a JSON list of ids or emails, or a comma-separated list of emails. */
export function recipientReferences(to: unknown): string[] {
  const list = Array.isArray(to) ? to : typeof to === 'number' ? [to] : typeof to === 'string' ? to.split(',') : [];
  const references = list
    .map((item) => (typeof item === 'number' || typeof item === 'string' ? String(item).trim() : ''))
    .filter(Boolean);
  if (references.length === 0 || references.length > 100) throw invalid('to', 'must list 1 to 100 recipients');
  return references;
}
