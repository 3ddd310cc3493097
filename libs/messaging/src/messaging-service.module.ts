import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  HealthModule,
  MetricsModule,
  HealthRegistry,
  TransientLog,
  createRedis,
  pingRedis,
  type RedisClient,
} from '@switchboard/platform';
import { InternalAnnotationsController } from './internal/annotations.controller';
import { InternalZulipSyncController } from './zulip-sync/zulip-sync.controller';
import { InternalAuthController } from './internal/auth.controller';
import { InternalChannelsController } from './internal/channels.controller';
import { InternalConversationsController } from './internal/conversations.controller';
import { InternalMessagesController } from './internal/messages.controller';
import { InternalAuthGuard } from './internal/internal-auth.guard';
import { HotPostRoute } from './messages/hot-post-route';
import { PostBatchService } from './messages/post-batch.service';
import { InternalMessageFlagsController } from './internal/message-flags.controller';
import { InternalUsersController } from './internal/users.controller';
import { InternalSearchController } from './internal/search.controller';
import { InternalPermissionsController } from './internal/permissions.controller';
import { InternalStatusController } from './internal/status.controller';
import { InternalTypingController } from './internal/typing.controller';
import { TypingService } from './typing/typing.service';
import { InternalActivityController } from './internal/activity.controller';
import { InternalCommandsController } from './internal/commands.controller';
import { CommandService } from './commands/command.service';
import { InternalAttachmentsController } from './internal/attachments.controller';
import { AttachmentRemovalQueue } from './attachments/attachment-removal.queue';
import { AttachmentRemovalService } from './attachments/attachment-removal.service';
import { AttachmentRemovalSweeper } from './attachments/attachment-removal.sweeper';
import { AttachmentService } from './attachments/attachment.service';
import { AttachmentStorage } from './attachments/storage/attachment-storage';
import { LocalDiskStorage } from './attachments/storage/local-disk.storage';
import { S3Storage } from './attachments/storage/s3.storage';
import { ActivityService } from './activity/activity.service';
import { ChannelAccess } from './channels/channel-access';
import { MessageRepository } from './messages/message.repository';
import { PermissionService } from './permissions/permission.service';
import { Clock } from './clock/clock';
import { StatusExpiryScheduler } from './status/status-expiry.scheduler';
import { StatusRepository } from './status/status.repository';
import { StatusService } from './status/status.service';
import { MessagingConfig } from './messaging.config';
import { MessagingDomainModule } from './messaging-domain.module';
import { EventPublisher } from './outbox/event-publisher';
import { OutboxConsumerRegistry } from './outbox/outbox-consumer';
import { OutboxRelay } from './outbox/outbox.relay';
import { InternalWebhookDeliveriesController } from './internal/webhook-deliveries.controller';
import { InternalWebhooksController } from './internal/webhooks.controller';
import { OutgoingWebhookEnqueuer } from './webhooks/outgoing-webhook.enqueuer';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhookDeliveryRetention } from './webhooks/webhook-delivery.retention';
import { WebhookJobQueue } from './webhooks/webhook-job.queue';
import { ViewerCapabilitiesInterceptor } from './views/viewer-capabilities.interceptor';
import { ViewerCapabilitiesService } from './views/viewer-capabilities.service';
import { InternalSlackAppsController } from './internal/slack-apps.controller';
import { InternalMessageBlocksController } from './internal/message-blocks.controller';
import { MessageBlocksService } from './apps/message-blocks.service';
import { SlackAppEventConsumer } from './apps/slack-app-event.consumer';
import { SlackEventsQueue } from './apps/slack-events.queue';
import { queueProducer } from './queues/queue-producer';
import { SocketModeStream } from './apps/socket-mode-stream';

const PUBLISH_REDIS = Symbol('PUBLISH_REDIS');

function attachmentStorage(config: MessagingConfig): AttachmentStorage {
  if (config.ATTACHMENT_STORAGE === 'local') return new LocalDiskStorage(config.ATTACHMENT_DIR);
  if (!config.S3_BUCKET) throw new Error('ATTACHMENT_STORAGE=s3 needs S3_BUCKET');
  return new S3Storage({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT || undefined,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    accessKeyId: config.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY || undefined,
  });
}

/** messaging-service: the internal command API, the outbox relay and health. */
@Module({
  imports: [MessagingDomainModule, HealthModule, MetricsModule],
  controllers: [
    InternalAuthController,
    InternalChannelsController,
    InternalAnnotationsController,
    InternalMessagesController,
    InternalSearchController,
    InternalConversationsController,
    InternalZulipSyncController,
    InternalMessageFlagsController,
    InternalUsersController,
    InternalWebhooksController,
    InternalWebhookDeliveriesController,
    InternalPermissionsController,
    InternalStatusController,
    InternalActivityController,
    InternalAttachmentsController,
    InternalCommandsController,
    InternalTypingController,
    InternalSlackAppsController,
    InternalMessageBlocksController,
  ],
  providers: [
    {
      provide: PUBLISH_REDIS,
      inject: [MessagingConfig],
      useFactory: (config: MessagingConfig) => createRedis(config.REDIS_URL, 'outbox-relay'),
    },
    {
      provide: EventPublisher,
      inject: [PUBLISH_REDIS, MessagingConfig, OutboxConsumerRegistry],
      useFactory: (redis: RedisClient, config: MessagingConfig, consumers: OutboxConsumerRegistry) => {
        const publisher = new EventPublisher(redis, config.EVENT_LOG_MAX_EVENTS);
        consumers.register(publisher);
        return publisher;
      },
    },
    queueProducer(WebhookJobQueue, 'webhook-queue'),
    {
      provide: OutgoingWebhookEnqueuer,
      inject: [OutboxConsumerRegistry, DataSource, WebhookJobQueue],
      useFactory: (registry: OutboxConsumerRegistry, db: DataSource, queue: WebhookJobQueue) =>
        new OutgoingWebhookEnqueuer(registry, db, queue),
    },
    WebhookDeliveryService,
    WebhookDeliveryRetention,
    ViewerCapabilitiesService,
    InternalAuthGuard,
    HotPostRoute,
    PostBatchService,
    { provide: APP_INTERCEPTOR, useClass: ViewerCapabilitiesInterceptor },
    OutboxRelay,
    {
      provide: SocketModeStream,
      inject: [PUBLISH_REDIS],
      useFactory: (redis: RedisClient) => new SocketModeStream(redis),
    },
    queueProducer(SlackEventsQueue, 'slack-events-queue'),
    SlackAppEventConsumer,
    MessageBlocksService,
    Clock,
    {
      provide: ActivityService,
      inject: [PUBLISH_REDIS, ChannelAccess, PermissionService, MessageRepository, Clock],
      useFactory: (
        redis: RedisClient,
        access: ChannelAccess,
        permissions: PermissionService,
        messages: MessageRepository,
        clock: Clock,
      ) => new ActivityService(redis, access, permissions, messages, clock),
    },
    { provide: TransientLog, inject: [PUBLISH_REDIS], useFactory: (redis: RedisClient) => new TransientLog(redis) },
    TypingService,
    StatusRepository,
    StatusService,
    CommandService,
    AttachmentService,
    { provide: AttachmentStorage, inject: [MessagingConfig], useFactory: attachmentStorage },
    queueProducer(AttachmentRemovalQueue, 'attachment-removal-queue'),
    AttachmentRemovalService,
    AttachmentRemovalSweeper,
    queueProducer(StatusExpiryScheduler, 'status-scheduler'),
  ],
})
export class MessagingServiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PUBLISH_REDIS) private readonly redis: RedisClient,
    private readonly webhookQueue: WebhookJobQueue,
    private readonly slackEventsQueue: SlackEventsQueue,
  ) {}

  onModuleInit(): void {
    this.health.register('postgres', async () => void (await this.db.query('SELECT 1')));
    this.health.register('redis', () => pingRedis(this.redis));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
    await this.webhookQueue.close().catch(() => undefined);
    await this.slackEventsQueue.close().catch(() => undefined);
  }
}
