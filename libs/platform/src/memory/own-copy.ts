/**
 * A flat copy of `text`. V8 keeps a substring of 13+ characters as a slice that holds its whole
 * source alive, and a concatenation (`randomUUID()` is one) as a tree of parts, a dozen objects for
 * one id. A string kept for long (a parked poll's ids, a map key) is better copied once.
 */
export function ownCopy(text: string): string {
  // JSON.parse builds string values flat (lossless: lone surrogates round-trip as escapes).
  return JSON.parse(JSON.stringify(text)) as string;
}
