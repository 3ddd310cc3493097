/** `value` with every object key matching `pattern` replaced by `replacement`, at any depth (JSON values). */
export function respellKeys(value: unknown, pattern: RegExp, replacement: string): unknown {
  if (Array.isArray(value)) return value.map((item) => respellKeys(item, pattern, replacement));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key.replace(pattern, replacement),
      respellKeys(item, pattern, replacement),
    ]),
  );
}
