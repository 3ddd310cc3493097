import type { DialectName } from '@switchboard/contracts';

/** Which edge rate limits a mount has (EdgeRateLimits). */
export type EdgeRateLimitClass =
  /** Per client IP and per credential. */
  | 'ip-and-credential'
  /** Per client IP only: the Slack Web API has its own per-user limits. */
  | 'ip'
  /** None: probes and scrapes. */
  | 'none';

export interface GatewayMount {
  /** A path ending in `/` matches every path under it; any other path matches itself only. */
  path: string;
  /** The dialect of refusals written before routing (body parsing, input rules, limits, Node's parser). */
  dialect: DialectName;
  rateLimits: EdgeRateLimitClass;
}

/**
 * The api-gateway's surfaces, as the middleware that runs before Nest routing sees them. The
 * controllers under each mount declare the same dialect (`@Dialect`; gateway-mounts.spec.ts checks it).
 */
export const GATEWAY_MOUNTS: readonly GatewayMount[] = [
  { path: '/health/', dialect: 'corteza', rateLimits: 'none' },
  { path: '/metrics', dialect: 'corteza', rateLimits: 'none' },
  { path: '/api/v1/', dialect: 'zulip', rateLimits: 'ip-and-credential' },
  { path: '/api/', dialect: 'slack', rateLimits: 'ip' },
];

/** Everything else: the Messaging REST API (Corteza-style), webhooks and app management. */
export const DEFAULT_GATEWAY_MOUNT: GatewayMount = { path: '/', dialect: 'corteza', rateLimits: 'ip-and-credential' };

/** Longest path first, so that a mount inside another wins whatever the order above. */
const BY_SPECIFICITY = [...GATEWAY_MOUNTS].sort((a, b) => b.path.length - a.path.length);

export function mountOf(path: string): GatewayMount {
  return (
    BY_SPECIFICITY.find((mount) => (mount.path.endsWith('/') ? path.startsWith(mount.path) : path === mount.path)) ??
    DEFAULT_GATEWAY_MOUNT
  );
}

/** The dialect of a path on the api-gateway, for refusals written before routing. */
export function gatewayDialectOf(path: string): DialectName {
  return mountOf(path).dialect;
}
