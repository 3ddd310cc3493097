import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The walking skeleton's schema. Ids come from next_id(): 41 bits of milliseconds since
 * 2024-01-01 and 22 bits of a global sequence — time-ordered and unique across every replica
 * without coordination (layout mirrored in libs/contracts/src/ids/snowflake.ts).
 */
export class InitialSchema1732406400000 implements MigrationInterface {
  name = 'InitialSchema1732406400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE id_sequence`);
    await q.query(`
      CREATE FUNCTION next_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$
        SELECT ((floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint - 1704067200000) << 22)
             | (nextval('id_sequence') % 4194304)
      $$`);

    await q.query(`
      CREATE TABLE organisations (
        id bigint PRIMARY KEY DEFAULT next_id(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE users (
        id bigint PRIMARY KEY DEFAULT next_id(),
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        email text NOT NULL,
        handle text NOT NULL,
        display_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('user', 'bot')),
        role text NOT NULL CHECK (role IN ('admin', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        deactivated_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX users_org_email_key ON users (organisation_id, lower(email))`);
    await q.query(`CREATE UNIQUE INDEX users_org_handle_key ON users (organisation_id, lower(handle))`);
    // Zulip clients authenticate with email:api_key and no organisation: the token decides.
    await q.query(`CREATE INDEX users_email_idx ON users (lower(email))`);

    await q.query(`
      CREATE TABLE api_tokens (
        id bigint PRIMARY KEY DEFAULT next_id(),
        user_id bigint NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        label text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_tokens_user_idx ON api_tokens (user_id)`);

    await q.query(`
      CREATE TABLE channels (
        id bigint PRIMARY KEY DEFAULT next_id(),
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        name text NOT NULL DEFAULT '',
        topic text NOT NULL DEFAULT '',
        type text NOT NULL CHECK (type IN ('public', 'private', 'group')),
        creator_id bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        archived_at timestamptz,
        deleted_at timestamptz
      )`);
    // Named channels are unique per organisation (Zulip and Slack clients look channels up by name).
    await q.query(
      `CREATE UNIQUE INDEX channels_org_name_key ON channels (organisation_id, lower(name)) WHERE type <> 'group' AND deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX channels_org_idx ON channels (organisation_id, id) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE channel_members (
        channel_id bigint NOT NULL REFERENCES channels(id),
        user_id bigint NOT NULL REFERENCES users(id),
        role text NOT NULL CHECK (role IN ('owner', 'member')),
        flag text CHECK (flag IN ('pinned', 'hidden', 'ignored')),
        last_read_message_id bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_id, user_id)
      )`);
    await q.query(`CREATE INDEX channel_members_user_idx ON channel_members (user_id, channel_id)`);

    await q.query(`
      CREATE TABLE messages (
        id bigint PRIMARY KEY,
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        channel_id bigint NOT NULL REFERENCES channels(id),
        user_id bigint NOT NULL REFERENCES users(id),
        body text NOT NULL,
        type text NOT NULL DEFAULT 'text',
        reply_to bigint REFERENCES messages(id),
        reply_count integer NOT NULL DEFAULT 0,
        ts text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        deleted_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX messages_channel_ts_key ON messages (channel_id, ts)`);
    // History (newest first, top-level only) and thread listing.
    await q.query(
      `CREATE INDEX messages_history_idx ON messages (channel_id, id DESC) WHERE reply_to IS NULL AND deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX messages_thread_idx ON messages (reply_to, id) WHERE reply_to IS NOT NULL AND deleted_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE org_event_counters (
        organisation_id bigint PRIMARY KEY REFERENCES organisations(id),
        last_event_id bigint NOT NULL DEFAULT 0
      )`);

    await q.query(`
      CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        event_id bigint NOT NULL,
        type text NOT NULL,
        actor_id bigint,
        audience jsonb NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        UNIQUE (organisation_id, event_id)
      )`);
    await q.query(`CREATE INDEX outbox_events_unpublished_idx ON outbox_events (id) WHERE published_at IS NULL`);
    await q.query(
      `CREATE INDEX outbox_events_published_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_events',
      'org_event_counters',
      'messages',
      'channel_members',
      'channels',
      'api_tokens',
      'users',
      'organisations',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION next_id()`);
    await q.query(`DROP SEQUENCE id_sequence`);
  }
}
