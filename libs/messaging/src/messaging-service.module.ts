import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { HealthModule, MetricsModule, HealthRegistry, createRedis, pingRedis } from '@switchboard/platform';
import { InternalAnnotationsController } from './internal/annotations.controller';
import { InternalAuthController } from './internal/auth.controller';
import { InternalChannelsController } from './internal/channels.controller';
import { InternalConversationsController } from './internal/conversations.controller';
import { InternalMessagesController } from './internal/messages.controller';
import { InternalUsersController } from './internal/users.controller';
import { InternalSearchController } from './internal/search.controller';
import { MessagingConfig } from './messaging.config';
import { MessagingDomainModule } from './messaging-domain.module';
import { EventPublisher } from './outbox/event-publisher';
import { OutboxRelay } from './outbox/outbox.relay';
import { InternalWebhookDeliveriesController } from './internal/webhook-deliveries.controller';
import { InternalWebhooksController } from './internal/webhooks.controller';
import { OutgoingWebhookEnqueuer } from './webhooks/outgoing-webhook.enqueuer';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhookJobQueue } from './webhooks/webhook-job.queue';

const PUBLISH_REDIS = Symbol('PUBLISH_REDIS');

/** messaging-service: the internal command API, the outbox relay and health. */
@Module({
  imports: [MessagingDomainModule, HealthModule, MetricsModule],
  controllers: [InternalAuthController, InternalChannelsController, InternalAnnotationsController, InternalMessagesController, InternalSearchController, InternalConversationsController, InternalUsersController, InternalWebhooksController, InternalWebhookDeliveriesController],
  providers: [
    { provide: PUBLISH_REDIS, inject: [MessagingConfig], useFactory: (config: MessagingConfig) => createRedis(config.REDIS_URL, 'outbox-relay') },
    { provide: EventPublisher, inject: [PUBLISH_REDIS, MessagingConfig], useFactory: (redis: Redis, config: MessagingConfig) => new EventPublisher(redis, config.EVENT_LOG_MAX_EVENTS) },
    {
      provide: WebhookJobQueue,
      inject: [MessagingConfig],
      useFactory: (config: MessagingConfig) => new WebhookJobQueue(createRedis(config.REDIS_URL, 'webhook-queue'), config.WEBHOOK_MAX_ATTEMPTS, config.QUEUE_PREFIX),
    },
    { provide: OutgoingWebhookEnqueuer, inject: [WebhookJobQueue], useFactory: (queue: WebhookJobQueue) => new OutgoingWebhookEnqueuer(queue) },
    WebhookDeliveryService,
    OutboxRelay,
  ],
})
export class MessagingServiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUBLISH_REDIS) private readonly redis: Redis,
    private readonly webhookQueue: WebhookJobQueue,
  ) {}

  onModuleInit(): void {
    this.health.register('postgres', async () => void (await this.db.query('SELECT 1')));
    this.health.register('redis', () => pingRedis(this.redis));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
    await this.webhookQueue.close().catch(() => undefined);
  }
}
