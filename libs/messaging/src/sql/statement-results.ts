import type { EntityManager } from 'typeorm';

/**
 * Whether a statement returned a row: an `INSERT … ON CONFLICT DO NOTHING RETURNING 1` that
 * inserted, a `SELECT 1 … LIMIT 1` that found.
 */
export async function returnsRow(em: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
  const rows = (await em.query(sql, params)) as unknown[];
  return rows.length > 0;
}

/** How many rows an UPDATE or DELETE touched (the PostgreSQL driver answers `[rows, count]`). */
export async function affectedRows(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [, affected] = (await em.query(sql, params)) as [unknown, number];
  return affected;
}

/** Whether an UPDATE or DELETE touched a row. */
export async function changesRow(em: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
  return (await affectedRows(em, sql, params)) > 0;
}
