import type { DialectName } from '@switchboard/contracts';

/** A part of an app's URL space, as middleware that runs before Nest routing sees it. */
export interface Mount {
  /** A path ending in `/` matches every path under it; any other path matches itself only. */
  path: string;
  /** The dialect of refusals written before routing (body parsing, input rules, limits, Node's parser). */
  dialect: DialectName;
}

/** The mount a path falls under: the longest matching one, whatever the order of the table; else the fallback. */
export function mountMatcher<M extends Mount>(mounts: readonly M[], fallback: M): (path: string) => M {
  const bySpecificity = [...mounts].sort((a, b) => b.path.length - a.path.length);
  return (path) =>
    bySpecificity.find((mount) => (mount.path.endsWith('/') ? path.startsWith(mount.path) : path === mount.path)) ??
    fallback;
}
