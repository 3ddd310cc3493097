import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiTokenEntity } from './entities/api-token.entity';
import { ChannelMemberEntity } from './entities/channel-member.entity';
import { ChannelEntity } from './entities/channel.entity';
import { MessageEntity } from './entities/message.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { OutboxEventEntity } from './entities/outbox-event.entity';
import { UserEntity } from './entities/user.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { SlackAppEntity } from './entities/slack-app.entity';
import { SlackAppTokenEntity } from './entities/slack-app-token.entity';
import { MessageBlocksEntity } from './entities/message-blocks.entity';
import { InitialSchema1732406400000 } from './migrations/1732406400000-initial-schema';
import { Webhooks1732600000000 } from './migrations/1732600000000-webhooks';
import { ReactionsPinsReadStateSearch1732500000000 } from './migrations/1732500000000-reactions-pins-read-state-search';
import { PermissionsStatusCommands1732550000000 } from './migrations/1732550000000-permissions-status-commands';
import { ZulipIdsAndTopics1732700000000 } from './migrations/1732700000000-zulip-ids-and-topics';
import { AttachmentRemoval1732800000000 } from './migrations/1732800000000-attachment-removal';
import { ChannelSearchIndex1732900000000 } from './migrations/1732900000000-channel-search-index';
import { OutboxCursors1733000000000 } from './migrations/1733000000000-outbox-cursors';
import { SlackTsFunction1733010000000 } from './migrations/1733010000000-slack-ts-function';
import { WebhookPendingIndex1733020000000 } from './migrations/1733020000000-webhook-pending-index';
import { SlackApps1733300000000 } from './migrations/1733300000000-slack-apps';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  ApiTokenEntity,
  ChannelEntity,
  ChannelMemberEntity,
  MessageEntity,
  OutboxEventEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  SlackAppEntity,
  SlackAppTokenEntity,
  MessageBlocksEntity,
];
export const MIGRATIONS = [
  InitialSchema1732406400000,
  ReactionsPinsReadStateSearch1732500000000,
  PermissionsStatusCommands1732550000000,
  Webhooks1732600000000,
  ZulipIdsAndTopics1732700000000,
  AttachmentRemoval1732800000000,
  ChannelSearchIndex1732900000000,
  OutboxCursors1733000000000,
  SlackTsFunction1733010000000,
  WebhookPendingIndex1733020000000,
  SlackApps1733300000000,
];

/** Schema changes only through migrations: `synchronize` stays off everywhere. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: poolSize,
      // Connections stay open once opened: a new one costs a backend start and, for each prepared
      // statement it runs, a parse and a plan — paid in the middle of the burst that needed it.
      min: poolSize,
      // The named prepared statements (the hot, fixed queries) are planned once per connection,
      // not five times with their parameters first; TypeORM's unnamed statements are unaffected.
      options: '-c plan_cache_mode=force_generic_plan',
      application_name: 'switchboard',
    },
  };
}

/** Creates the database named in the URL when it does not exist yet (fresh machines, CI). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const source = new DataSource({ type: 'postgres', url: admin.toString() });
  await source.initialize();
  try {
    const rows: unknown[] = await source.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length > 0) return false;
    await source.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await source.destroy();
  }
}

export async function runMigrations(url: string): Promise<string[]> {
  const source = new DataSource(dataSourceOptions(url, 2));
  await source.initialize();
  try {
    const applied = await source.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await source.destroy();
  }
}
