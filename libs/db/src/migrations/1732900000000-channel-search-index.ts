import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Word search inside one channel: a GIN index over (channel_id, search_vector), which needs the
 * btree_gin extension for the bigint column (a trusted extension since PostgreSQL 13: a database
 * owner may create it, managed services allow it). Built CONCURRENTLY, outside a transaction, so
 * upgrading a large installation does not block writes; a build that failed half-way leaves an
 * invalid index, which the next run drops and rebuilds.
 */
export class ChannelSearchIndex1732900000000 implements MigrationInterface {
  name = 'ChannelSearchIndex1732900000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    const [existing] = (await q.query(
      `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'messages_channel_search_idx'`,
    )) as { valid: boolean }[];
    if (existing?.valid) return;
    if (existing) await q.query(`DROP INDEX CONCURRENTLY messages_channel_search_idx`);
    await q.query(
      `CREATE INDEX CONCURRENTLY messages_channel_search_idx ON messages USING gin (channel_id, search_vector) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS messages_channel_search_idx`);
  }
}
