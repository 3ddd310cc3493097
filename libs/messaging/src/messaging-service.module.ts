import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HealthModule, MetricsModule, HealthRegistry, pingRedis, type RedisClient } from '@switchboard/platform';
import { SlackAppEventsModule } from './apps/slack-app-events.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { InternalApiModule } from './internal/internal-api.module';
import { MessagingDomainModule } from './messaging-domain.module';
import { OutboxRelayModule } from './outbox/outbox-relay.module';
import { OutboxRelay } from './outbox/outbox.relay';
import { MessagingRedisModule, PUBLISH_REDIS } from './redis/messaging-redis.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ZulipSyncModule } from './zulip-sync/zulip-sync.module';

/**
 * messaging-service: the internal command API, the outbox relay and health. Outbox consumers live in
 * their feature modules; OUTBOX_CONSUMER_ORDER (outbox/outbox-consumer.ts) fixes the order the relay
 * hands them a batch, whatever order the modules load in.
 */
@Module({
  imports: [
    MessagingDomainModule,
    MessagingRedisModule,
    OutboxRelayModule,
    InternalApiModule,
    ZulipSyncModule,
    WebhooksModule,
    AttachmentsModule,
    SlackAppEventsModule,
    HealthModule,
    MetricsModule,
  ],
})
export class MessagingServiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUBLISH_REDIS) private readonly redis: RedisClient,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.health.register('postgres', async () => void (await this.db.query('SELECT 1')));
    this.health.register('redis', () => pingRedis(this.redis));
  }

  /**
   * This module shuts down before the modules it imports: the relay stops here, so the consumers'
   * queues and the Redis connection (closed by their own modules, later) outlive its last batch.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
