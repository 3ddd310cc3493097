/**
 * A row's version: the hash of its whole text form, so any change to any column changes it. Caches
 * keep it beside what they read, and the statements that act on cached rows compare it with the
 * row as it is then, in the same statement: a stale cache entry makes the statement refuse, never
 * act on old facts. `alias` must be a table alias in the query.
 */
export const ROW_VERSION = (alias: string): string => `md5(${alias}::text)`;

/** The version of one role's rules: a hash over its rule rows, in a fixed order. */
export const RULES_VERSION = (organisationParam: string, roleIdExpr: string): string =>
  `(SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.resource, r.operation), '')) FROM permission_rules r WHERE r.organisation_id = ${organisationParam} AND r.role_id = ${roleIdExpr})`;
