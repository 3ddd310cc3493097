import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zulip clients keep ids in JavaScript numbers, which lose precision above 2^53, and our ids are
 * 64-bit. Users, channels and messages therefore get a second, compact identity from per-table
 * sequences (`zulip_id`), unique and indexed, which the Zulip dialect shows and maps back.
 * Messages get a `topic` (the Zulip topic / subject), empty when the author gave none.
 */
export class ZulipIdsAndTopics1732700000000 implements MigrationInterface {
  name = 'ZulipIdsAndTopics1732700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'channels', 'messages']) {
      await q.query(`CREATE SEQUENCE ${table}_zulip_id_seq`);
      await q.query(
        `ALTER TABLE ${table} ADD COLUMN zulip_id bigint NOT NULL DEFAULT nextval('${table}_zulip_id_seq')`,
      );
      await q.query(`ALTER SEQUENCE ${table}_zulip_id_seq OWNED BY ${table}.zulip_id`);
      await q.query(`CREATE UNIQUE INDEX ${table}_zulip_id_key ON ${table} (zulip_id)`);
    }
    await q.query(`ALTER TABLE messages ADD COLUMN topic text NOT NULL DEFAULT ''`);
    // Zulip message lists page by (compact) id across every channel a user may read, and by topic.
    await q.query(
      `CREATE INDEX messages_channel_zulip_idx ON messages (channel_id, zulip_id) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX messages_channel_topic_idx ON messages (channel_id, lower(topic), zulip_id) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_channel_topic_idx`);
    await q.query(`DROP INDEX messages_channel_zulip_idx`);
    await q.query(`ALTER TABLE messages DROP COLUMN topic`);
    for (const table of ['users', 'channels', 'messages']) await q.query(`ALTER TABLE ${table} DROP COLUMN zulip_id`);
  }
}
