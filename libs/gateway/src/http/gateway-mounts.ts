import type { DialectName } from '@switchboard/contracts';
import { type Mount, mountMatcher } from '@switchboard/platform';

/** Which edge rate limits a mount has (EdgeRateLimits). */
export type EdgeRateLimitClass =
  /** Per client IP and per credential. */
  | 'ip-and-credential'
  /** Per client IP only: the Slack Web API has its own per-user limits. */
  | 'ip'
  /** None: probes and scrapes. */
  | 'none';

export interface GatewayMount extends Mount {
  rateLimits: EdgeRateLimitClass;
}

/**
 * The api-gateway's surfaces, as the middleware that runs before Nest routing sees them. The
 * controllers under each mount declare the same dialect (`@Dialect`; test/unit/controller-dialects.spec.ts).
 */
export const GATEWAY_MOUNTS: readonly GatewayMount[] = [
  { path: '/health/', dialect: 'corteza', rateLimits: 'none' },
  { path: '/metrics', dialect: 'corteza', rateLimits: 'none' },
  { path: '/api/v1/', dialect: 'zulip', rateLimits: 'ip-and-credential' },
  { path: '/api/', dialect: 'slack', rateLimits: 'ip' },
];

/** Everything else: the Messaging REST API (Corteza-style), webhooks and app management. */
export const DEFAULT_GATEWAY_MOUNT: GatewayMount = { path: '/', dialect: 'corteza', rateLimits: 'ip-and-credential' };

export const mountOf = mountMatcher(GATEWAY_MOUNTS, DEFAULT_GATEWAY_MOUNT);

/** The dialect of a path on the api-gateway, for refusals written before routing. */
export function gatewayDialectOf(path: string): DialectName {
  return mountOf(path).dialect;
}
