import { respellKeys } from './respell-keys';

/**
 * JSON written before ids were spelled `…Id` inside the code — outbox rows, the Redis event and
 * transient logs and pub/sub, Zulip queue state — read as today's: every `…ID`/`…IDs` key becomes
 * `…Id`/`…Ids`, at any depth. None of these payloads has a `…ID` key any more, so old and new data
 * read alike. The value itself comes back when it has no such key.
 */
export function withCurrentIdKeys<T>(value: T): T {
  return hasLegacyIdKey(value) ? (respellKeys(value, LEGACY_ID_KEY, '$1Id$2') as T) : value;
}

/** withCurrentIdKeys of a JSON text's value, parsing it only once; most texts have no legacy key. */
export function parseWithCurrentIdKeys(text: string): unknown {
  const parsed = JSON.parse(text) as unknown;
  return LEGACY_ID_KEY_IN_TEXT.test(text) ? respellKeys(parsed, LEGACY_ID_KEY, '$1Id$2') : parsed;
}

const LEGACY_ID_KEY = /^([a-z][A-Za-z0-9]*)ID(s?)$/;
const LEGACY_ID_KEY_IN_TEXT = /[a-z]IDs?"\s*:/;

function hasLegacyIdKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLegacyIdKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, item]) => LEGACY_ID_KEY.test(key) || hasLegacyIdKey(item));
}
