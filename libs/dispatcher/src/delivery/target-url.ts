import { isIP } from 'node:net';

/** A webhook URL taken apart for a request: where to connect, what to ask for, and its semaphore key. */
export interface ParsedTarget {
  origin: string;
  path: string;
  /** host[:port] as the URL has it, lower case: the per-target semaphore's key. */
  host: string;
  /** Without IPv6 brackets. */
  hostname: string;
  ipLiteral: boolean;
}

// Enough for every active webhook of a large install; past it the cache starts over.
const MAX_CACHED = 10_000;
const cache = new Map<string, ParsedTarget | { invalid: string }>();

/** `url` parsed once and remembered (a busy webhook's URL is parsed on its first delivery only). */
export function parseTarget(url: string): ParsedTarget | { invalid: string } {
  let parsed = cache.get(url);
  if (parsed === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    parsed = parse(url);
    cache.set(url, parsed);
  }
  return parsed;
}

function parse(url: string): ParsedTarget | { invalid: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { invalid: 'the URL is not valid' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { invalid: `${parsed.protocol} URLs are not allowed` };
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  return {
    origin: parsed.origin,
    path: parsed.pathname + parsed.search,
    host: parsed.host.toLowerCase(),
    hostname,
    ipLiteral: isIP(hostname) !== 0,
  };
}
