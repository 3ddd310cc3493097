import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 7: incoming and outgoing webhooks, their deliveries, and webhook metadata on messages. */
export class Webhooks1732600000000 implements MigrationInterface {
  name = 'Webhooks1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        id bigint PRIMARY KEY,
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        channel_id bigint NOT NULL REFERENCES channels(id),
        kind text NOT NULL CHECK (kind IN ('incoming', 'outgoing')),
        user_id bigint NOT NULL REFERENCES users(id),
        owner_id bigint NOT NULL REFERENCES users(id),
        trigger text,
        url text,
        username text,
        avatar_url text,
        token_hash text NOT NULL UNIQUE,
        signing_salt text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        deleted_at timestamptz,
        CHECK (kind = 'incoming' OR url IS NOT NULL)
      )`);
    // The relay looks up the outgoing webhooks of the channels in each batch of new messages.
    await q.query(
      `CREATE INDEX webhooks_outgoing_channel_idx ON webhooks (channel_id) WHERE kind = 'outgoing' AND deleted_at IS NULL`,
    );
    // Listing an organisation's webhooks (filtered by channel or bot).
    await q.query(`CREATE INDEX webhooks_org_idx ON webhooks (organisation_id, id) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigint PRIMARY KEY DEFAULT next_id(),
        webhook_id bigint NOT NULL REFERENCES webhooks(id),
        organisation_id bigint NOT NULL REFERENCES organisations(id),
        message_id bigint NOT NULL REFERENCES messages(id),
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        manual_retries integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        reply_message_id bigint REFERENCES messages(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        completed_at timestamptz,
        UNIQUE (webhook_id, message_id)
      )`);
    // A webhook's deliveries, newest first (the UNIQUE index covers the relay's upsert).
    await q.query(`CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, id DESC)`);
    // Retention: the relay leader deletes finished deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS.
    await q.query(
      `CREATE INDEX webhook_deliveries_completed_idx ON webhook_deliveries (completed_at) WHERE completed_at IS NOT NULL`,
    );

    await q.query(`ALTER TABLE messages ADD COLUMN webhook_id bigint REFERENCES webhooks(id)`);
    await q.query(`ALTER TABLE messages ADD COLUMN display_name text`);
    await q.query(`ALTER TABLE messages ADD COLUMN avatar_url text`);
    await q.query(`ALTER TABLE messages ADD COLUMN idempotency_key text`);
    await q.query(
      `CREATE UNIQUE INDEX messages_idempotency_key ON messages (idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_idempotency_key`);
    for (const column of ['idempotency_key', 'avatar_url', 'display_name', 'webhook_id'])
      await q.query(`ALTER TABLE messages DROP COLUMN ${column}`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhooks`);
  }
}
