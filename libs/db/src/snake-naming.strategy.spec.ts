import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The names the migrations created; entities must map exactly these (see also test/integration/schema-drift.e2e.ts). */
const MIGRATED_COLUMNS: Record<string, string[]> = {
  api_tokens: ['created_at', 'id', 'label', 'last_used_at', 'prefix', 'revoked_at', 'token_hash', 'user_id'],
  channel_members: ['channel_id', 'created_at', 'flag', 'last_read_message_id', 'role', 'user_id'],
  channels: [
    'archived_at',
    'created_at',
    'creator_id',
    'deleted_at',
    'id',
    'name',
    'organisation_id',
    'topic',
    'type',
    'updated_at',
    'zulip_id',
  ],
  message_blocks: ['blocks', 'message_id'],
  messages: [
    'avatar_url',
    'body',
    'channel_id',
    'created_at',
    'deleted_at',
    'display_name',
    'id',
    'idempotency_key',
    'organisation_id',
    'reply_count',
    'reply_to',
    'topic',
    'ts',
    'type',
    'updated_at',
    'user_id',
    'webhook_id',
    'zulip_id',
  ],
  organisations: ['created_at', 'id', 'name', 'slug', 'updated_at'],
  outbox_events: ['actor_id', 'audience', 'created_at', 'event_id', 'id', 'organisation_id', 'payload', 'type'],
  slack_app_tokens: ['app_id', 'created_at', 'id', 'kind', 'prefix', 'revoked_at', 'token_hash'],
  slack_apps: [
    'bot_user_id',
    'created_at',
    'created_by',
    'deleted_at',
    'event_types',
    'id',
    'name',
    'organisation_id',
    'request_url',
    'signing_salt',
    'socket_mode',
  ],
  users: [
    'created_at',
    'deactivated_at',
    'display_name',
    'email',
    'handle',
    'id',
    'kind',
    'organisation_id',
    'role',
    'updated_at',
    'zulip_id',
  ],
  webhook_deliveries: [
    'attempts',
    'completed_at',
    'created_at',
    'id',
    'last_attempt_at',
    'last_error',
    'last_status_code',
    'manual_retries',
    'message_id',
    'organisation_id',
    'payload',
    'reply_message_id',
    'status',
    'webhook_id',
  ],
  webhooks: [
    'avatar_url',
    'channel_id',
    'created_at',
    'deleted_at',
    'id',
    'kind',
    'organisation_id',
    'owner_id',
    'signing_salt',
    'token_hash',
    'trigger',
    'updated_at',
    'url',
    'user_id',
    'username',
  ],
};

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  it('derives snake_case column names from properties', () => {
    expect(strategy.columnName('id', undefined, [])).toBe('id');
    expect(strategy.columnName('organisationId', undefined, [])).toBe('organisation_id');
    expect(strategy.columnName('lastReadMessageId', undefined, [])).toBe('last_read_message_id');
    expect(strategy.columnName('url', undefined, ['reply'])).toBe('reply_url');
  });

  it('keeps a name the entity gives', () => {
    expect(strategy.columnName('createdAt', 'inserted', [])).toBe('inserted');
  });

  it('maps every entity to exactly the migrated tables and columns', async () => {
    const source = new DataSource(dataSourceOptions('postgres://unused@127.0.0.1:1/unused'));
    // Builds entity metadata only; nothing connects.
    await (source as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    const mapped = Object.fromEntries(
      source.entityMetadatas.map((entity) => [entity.tableName, entity.columns.map((c) => c.databaseName).sort()]),
    );
    expect(mapped).toEqual(MIGRATED_COLUMNS);
  });
});
