import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox relay reads by position instead of by a `published_at` flag. Per-organisation event
 * ids are gapless and follow commit order (the org_event_counters row lock), so "everything after
 * the organisation's cursor" is exactly what is still to publish. Nothing is updated per published
 * row any more, so the relay's reads never wade through dead index entries; published rows are
 * deleted in bulk after the retention period, found through a BRIN index on created_at.
 */
export class OutboxCursors1733000000000 implements MigrationInterface {
  name = 'OutboxCursors1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_cursors (
        organisation_id bigint PRIMARY KEY REFERENCES organisations(id),
        event_id bigint NOT NULL
      )`);
    // Each organisation resumes just before its oldest unpublished row, or after its newest event.
    await q.query(`
      INSERT INTO outbox_cursors (organisation_id, event_id)
      SELECT k.organisation_id,
             coalesce((SELECT min(o.event_id) - 1 FROM outbox_events o WHERE o.organisation_id = k.organisation_id AND o.published_at IS NULL), k.last_event_id)
        FROM org_event_counters k`);
    await q.query(`DROP INDEX outbox_events_unpublished_idx`);
    await q.query(`DROP INDEX outbox_events_published_idx`);
    await q.query(`ALTER TABLE outbox_events DROP COLUMN published_at`);
    await q.query(`CREATE INDEX outbox_events_created_brin ON outbox_events USING brin (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_events_created_brin`);
    await q.query(`ALTER TABLE outbox_events ADD COLUMN published_at timestamptz`);
    await q.query(`
      UPDATE outbox_events o SET published_at = now()
        FROM outbox_cursors c WHERE c.organisation_id = o.organisation_id AND o.event_id <= c.event_id`);
    await q.query(`CREATE INDEX outbox_events_unpublished_idx ON outbox_events (id) WHERE published_at IS NULL`);
    await q.query(
      `CREATE INDEX outbox_events_published_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL`,
    );
    await q.query(`DROP TABLE outbox_cursors`);
  }
}
