import { Module, type OnModuleInit } from '@nestjs/common';
import { SlackEventsJobName } from '@switchboard/contracts';
import { InternalClient, type RedisClient } from '@switchboard/platform';
import { DeliveryModule } from '../delivery/delivery.module';
import { TargetSemaphore } from '../delivery/target-semaphore';
import { WebhookHttpClient } from '../delivery/webhook-http-client';
import { DISPATCHER_REDIS, DispatcherClientsModule } from '../dispatcher-clients.module';
import { DispatcherConfig } from '../dispatcher.config';
import { JobHandlers } from '../job-handlers';
import { queueWorker } from '../queue-worker';
import { SlackEventDeliveryHandler } from './slack-event-delivery.handler';
import { SlackEventsWorker } from './slack-events-worker';

/** Events API deliveries to Slack apps, under the same per-target leases as webhooks (DeliveryModule). */
@Module({
  imports: [DispatcherClientsModule, DeliveryModule],
  providers: [
    {
      provide: SlackEventDeliveryHandler,
      inject: [InternalClient, TargetSemaphore, DISPATCHER_REDIS, DispatcherConfig],
      useFactory: (
        messaging: InternalClient,
        semaphore: TargetSemaphore,
        redis: RedisClient,
        config: DispatcherConfig,
      ) =>
        new SlackEventDeliveryHandler(
          messaging,
          new WebhookHttpClient({
            timeoutMs: config.SLACK_EVENTS_TIMEOUT_MS,
            maxResponseBytes: 64 * 1024,
            allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
          }),
          semaphore,
          redis,
        ),
    },
    queueWorker(SlackEventsWorker, 'slack-events-worker'),
  ],
  exports: [SlackEventsWorker],
})
export class SlackEventsModule implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly slackEvents: SlackEventDeliveryHandler,
  ) {}

  onModuleInit(): void {
    this.handlers.register(SlackEventsJobName.Deliver, (job, token) => this.slackEvents.handle(job, token));
  }
}
