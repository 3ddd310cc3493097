import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4 part A: reactions, pins, bookmarks, mentions, per-thread read markers and full-text
 * search. Search uses the `simple` configuration (no stemming, no stop words): a team chat mixes
 * languages, code and names, and `simple` finds exactly the words people typed in any of them.
 */
export class ReactionsPinsReadStateSearch1732500000000 implements MigrationInterface {
  name = 'ReactionsPinsReadStateSearch1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_reactions (
        message_id bigint NOT NULL REFERENCES messages(id),
        user_id bigint NOT NULL REFERENCES users(id),
        reaction text NOT NULL CHECK (length(reaction) BETWEEN 1 AND 64),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, reaction, user_id)
      )`);

    await q.query(`
      CREATE TABLE message_pins (
        message_id bigint PRIMARY KEY REFERENCES messages(id),
        channel_id bigint NOT NULL REFERENCES channels(id),
        user_id bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX message_pins_channel_idx ON message_pins (channel_id, message_id)`);

    await q.query(`
      CREATE TABLE message_bookmarks (
        user_id bigint NOT NULL REFERENCES users(id),
        message_id bigint NOT NULL REFERENCES messages(id),
        channel_id bigint NOT NULL REFERENCES channels(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, message_id)
      )`);
    await q.query(`CREATE INDEX message_bookmarks_message_idx ON message_bookmarks (message_id)`);

    // Parsed from the markdown at post/edit time; counts toward the mentioned user's unread mentions.
    await q.query(`
      CREATE TABLE message_mentions (
        message_id bigint NOT NULL REFERENCES messages(id),
        user_id bigint NOT NULL REFERENCES users(id),
        channel_id bigint NOT NULL REFERENCES channels(id),
        PRIMARY KEY (message_id, user_id)
      )`);
    await q.query(`CREATE INDEX message_mentions_user_idx ON message_mentions (user_id, channel_id, message_id)`);

    // Channel read markers live in channel_members.last_read_message_id; thread markers here.
    await q.query(`
      CREATE TABLE thread_reads (
        user_id bigint NOT NULL REFERENCES users(id),
        thread_id bigint NOT NULL REFERENCES messages(id),
        channel_id bigint NOT NULL REFERENCES channels(id),
        last_read_message_id bigint,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, thread_id)
      )`);
    await q.query(`CREATE INDEX thread_reads_channel_idx ON thread_reads (user_id, channel_id)`);

    await q.query(
      `ALTER TABLE messages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED`,
    );
    await q.query(`CREATE INDEX messages_search_idx ON messages USING gin (search_vector) WHERE deleted_at IS NULL`);
    // /search/threads looks only at thread roots and replies, a small share of all messages.
    await q.query(
      `CREATE INDEX messages_thread_search_idx ON messages USING gin (search_vector) WHERE deleted_at IS NULL AND (reply_to IS NOT NULL OR reply_count > 0)`,
    );
    // Search without words (filters only) and unread counting walk a channel's messages by id, replies included.
    await q.query(`CREATE INDEX messages_channel_all_idx ON messages (channel_id, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX messages_user_idx ON messages (user_id, id DESC) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_user_idx`);
    await q.query(`DROP INDEX messages_channel_all_idx`);
    await q.query(`DROP INDEX messages_thread_search_idx`);
    await q.query(`DROP INDEX messages_search_idx`);
    await q.query(`ALTER TABLE messages DROP COLUMN search_vector`);
    for (const table of [
      'thread_reads',
      'message_mentions',
      'message_bookmarks',
      'message_pins',
      'message_reactions',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
