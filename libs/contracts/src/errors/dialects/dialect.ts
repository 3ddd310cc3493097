/** The client dialects the public surfaces speak; each route declares one (`@Dialect`). */
export const DIALECTS = ['corteza', 'slack', 'zulip'] as const;

export type DialectName = (typeof DIALECTS)[number];

/** An error as it goes on the wire: status, extra headers and the JSON body. */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A dependency is down (a replica restarting, a database failover): worth retrying soon, not at once. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = '2';
