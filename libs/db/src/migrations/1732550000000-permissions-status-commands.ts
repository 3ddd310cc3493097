import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4 part B: permission rules per built-in role, user statuses with expiry, slash commands
 * registered by bots, and attachments (bytes in the attachment storage, metadata here). Built-in roles have fixed ids (admin 1, member 2), so they need no table.
 */
export class PermissionsStatusCommands1732550000000 implements MigrationInterface {
  name = 'PermissionsStatusCommands1732550000000';

  async up(q: QueryRunner): Promise<void> {
    // The primary key serves the one hot query: all rules of (organisation, role), once per request.
    await q.query(`
      CREATE TABLE permission_rules (
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        role_id bigint NOT NULL,
        resource text NOT NULL CHECK (length(resource) BETWEEN 1 AND 200),
        operation text NOT NULL CHECK (length(operation) BETWEEN 1 AND 100),
        access text NOT NULL CHECK (access IN ('allow', 'deny')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, role_id, resource, operation)
      )`);

    await q.query(`
      CREATE TABLE user_statuses (
        user_id bigint PRIMARY KEY REFERENCES users(id),
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        icon text NOT NULL DEFAULT '',
        message text NOT NULL DEFAULT '',
        expires_at timestamptz,
        clear_when_active boolean NOT NULL DEFAULT false,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
    // GET /status/ lists the organisation's current statuses.
    await q.query(`CREATE INDEX user_statuses_org_idx ON user_statuses (organisation_id)`);

    await q.query(`
      CREATE TABLE bot_commands (
        id bigint PRIMARY KEY DEFAULT next_id(),
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
        description text NOT NULL DEFAULT '',
        bot_user_id bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One command name per organisation; also serves lookup by name at exec time.
    await q.query(`CREATE UNIQUE INDEX bot_commands_org_name_key ON bot_commands (organisation_id, name)`);

    await q.query(`
      CREATE TABLE attachments (
        id bigint PRIMARY KEY,
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        channel_id bigint NOT NULL REFERENCES channels(id),
        message_id bigint NOT NULL REFERENCES messages(id),
        user_id bigint NOT NULL REFERENCES users(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        storage_key text NOT NULL,
        preview_key text,
        preview_ext text,
        width integer,
        height integer,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Attachments of the messages of a history page or a thread.
    await q.query(`CREATE INDEX attachments_message_idx ON attachments (message_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
    await q.query(`DROP TABLE bot_commands`);
    await q.query(`DROP TABLE user_statuses`);
    await q.query(`DROP TABLE permission_rules`);
  }
}
