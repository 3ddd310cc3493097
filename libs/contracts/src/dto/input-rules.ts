/** Deeper than this, a request body is refused before anything walks it (no legitimate payload nests so far). */
export const MAX_INPUT_DEPTH = 32;

/** Keys that only ever appear in prototype-pollution attempts. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The text rule every request obeys, whatever its surface: no NUL characters (PostgreSQL text
 * cannot hold them, so they would fail deep inside a transaction), no prototype-pollution keys,
 * and no nesting deeper than MAX_INPUT_DEPTH. Returns the first offending field, or undefined.
 */
export function findForbiddenInput(value: unknown, field = ''): { field: string; message: string } | undefined {
  const pending: { value: unknown; field: string; depth: number }[] = [{ value, field, depth: 0 }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000'))
        return { field: item.field, message: `${item.field || 'value'} must not contain NUL characters` };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null || Buffer.isBuffer(item.value)) continue;
    if (item.depth >= MAX_INPUT_DEPTH)
      return { field: item.field, message: `${item.field || 'value'} is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const key of Object.keys(item.value)) {
      const path = item.field ? `${item.field}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key) || key.includes('\u0000'))
        return { field: path, message: `${path.replace(/\u0000/g, '\\0')} is not an allowed field name` };
      pending.push({ value: (item.value as Record<string, unknown>)[key], field: path, depth: item.depth + 1 });
    }
  }
  return undefined;
}
