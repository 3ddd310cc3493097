import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Serves the sweep that re-adds the jobs of deliveries still pending after a while (jobs lost with Redis). */
export class WebhookPendingIndex1733020000000 implements MigrationInterface {
  name = 'WebhookPendingIndex1733020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (created_at) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_deliveries_pending_idx`);
  }
}
