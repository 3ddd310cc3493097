import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a fixed statement as a named prepared statement on the DataSource's pool: PostgreSQL parses
 * and plans it once per connection, where TypeORM's `query` sends it unnamed and pays both on every
 * call. For the statements that run per request or per relay batch; a name must always carry the
 * same text (pg refuses a second text under a name it has prepared).
 */
export async function preparedRows<T extends QueryResultRow>(
  db: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  return (await pool.query<T>({ name, text, values })).rows;
}
