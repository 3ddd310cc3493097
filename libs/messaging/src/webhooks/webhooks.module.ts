import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelsModule } from '../channels/channels.module';
import { IdsModule } from '../ids/ids.module';
import { MessagesModule } from '../messages/messages.module';
import { OutboxConsumerRegistry } from '../outbox/outbox-consumer';
import { OutboxModule } from '../outbox/outbox.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { queueProducer } from '../queues/queue-producer';
import { UsersModule } from '../users/users.module';
import { OutgoingWebhookEnqueuer } from './outgoing-webhook.enqueuer';
import { WebhookDeliveryRetention } from './webhook-delivery.retention';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookJobQueue } from './webhook-job.queue';
import { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';

/** Incoming and outgoing webhooks: their settings, the delivery jobs and the deliveries' outcomes. */
@Module({
  imports: [ChannelsModule, UsersModule, MessagesModule, IdsModule, OutboxModule, PermissionsModule],
  providers: [
    WebhookRepository,
    WebhookService,
    queueProducer(WebhookJobQueue, 'webhook-queue'),
    {
      provide: OutgoingWebhookEnqueuer,
      inject: [OutboxConsumerRegistry, DataSource, WebhookJobQueue],
      useFactory: (registry: OutboxConsumerRegistry, db: DataSource, queue: WebhookJobQueue) =>
        new OutgoingWebhookEnqueuer(registry, db, queue),
    },
    WebhookDeliveryService,
    WebhookDeliveryRetention,
  ],
  exports: [WebhookService, WebhookDeliveryService],
})
export class WebhooksModule implements OnApplicationShutdown {
  constructor(private readonly queue: WebhookJobQueue) {}

  /** After the retention sweeps (this module's providers) have stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
