import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments whose message was deleted are marked in the deleting transaction
 * (`removal_requested_at`); a job removes the stored files and then the row. The partial index
 * serves the periodic sweep that re-enqueues removals whose job was lost.
 */
export class AttachmentRemoval1732800000000 implements MigrationInterface {
  name = 'AttachmentRemoval1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachments ADD COLUMN removal_requested_at timestamptz`);
    await q.query(
      `CREATE INDEX attachments_removal_idx ON attachments (removal_requested_at) WHERE removal_requested_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX attachments_removal_idx`);
    await q.query(`ALTER TABLE attachments DROP COLUMN removal_requested_at`);
  }
}
