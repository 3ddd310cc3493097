import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { HealthModule, HealthRegistry, createRedis, pingRedis } from '@switchboard/platform';
import { InternalClientSyncController } from './client-sync/client-sync.controller';
import { InternalAuthController } from './internal/auth.controller';
import { InternalChannelsController } from './internal/channels.controller';
import { InternalConversationsController } from './internal/conversations.controller';
import { InternalMessagesController } from './internal/messages.controller';
import { MessagingConfig } from './messaging.config';
import { MessagingDomainModule } from './messaging-domain.module';
import { EventPublisher } from './outbox/event-publisher';
import { OutboxRelay } from './outbox/outbox.relay';

const PUBLISH_REDIS = Symbol('PUBLISH_REDIS');

/** messaging-service: the internal command API, the outbox relay and health. */
@Module({
  imports: [MessagingDomainModule, HealthModule],
  controllers: [InternalAuthController, InternalChannelsController, InternalMessagesController, InternalConversationsController, InternalClientSyncController],
  providers: [
    { provide: PUBLISH_REDIS, inject: [MessagingConfig], useFactory: (config: MessagingConfig) => createRedis(config.REDIS_URL, 'outbox-relay') },
    { provide: EventPublisher, inject: [PUBLISH_REDIS, MessagingConfig], useFactory: (redis: Redis, config: MessagingConfig) => new EventPublisher(redis, config.EVENT_LOG_MAX_EVENTS) },
    OutboxRelay,
  ],
})
export class MessagingServiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUBLISH_REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.health.register('postgres', async () => void (await this.db.query('SELECT 1')));
    this.health.register('redis', () => pingRedis(this.redis));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
