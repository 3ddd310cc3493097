import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 16: Slack-style apps (Socket Mode, Events API) with their bot user and tokens, and message blocks. */
export class SlackApps1733300000000 implements MigrationInterface {
  name = 'SlackApps1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE slack_apps (
        id bigint PRIMARY KEY,
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        bot_user_id bigint NOT NULL UNIQUE REFERENCES users(id),
        name text NOT NULL,
        event_types jsonb NOT NULL DEFAULT '[]',
        request_url text,
        socket_mode boolean NOT NULL DEFAULT false,
        signing_salt text NOT NULL,
        created_by bigint REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    // The event consumer loads an organisation's live apps for every batch.
    await q.query(`CREATE INDEX slack_apps_org_idx ON slack_apps (organisation_id) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE slack_app_tokens (
        id bigint PRIMARY KEY,
        app_id bigint NOT NULL REFERENCES slack_apps(id),
        kind text NOT NULL CHECK (kind IN ('app', 'bot')),
        token_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);

    // Block Kit blocks of messages posted with them (chat.postMessage `blocks`); the text is the fallback.
    await q.query(
      `CREATE TABLE message_blocks (message_id bigint PRIMARY KEY REFERENCES messages(id), blocks jsonb NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_blocks`);
    await q.query(`DROP TABLE slack_app_tokens`);
    await q.query(`DROP TABLE slack_apps`);
  }
}
