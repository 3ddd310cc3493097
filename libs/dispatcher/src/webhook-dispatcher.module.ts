import { Module, type OnApplicationShutdown, type OnModuleInit, Inject } from '@nestjs/common';
import { HealthModule, HealthRegistry, MetricsModule, pingRedis, type RedisClient } from '@switchboard/platform';
import { DeliveryModule } from './delivery/delivery.module';
import { DISPATCHER_REDIS, DispatcherClientsModule } from './dispatcher-clients.module';
import { ScheduledJobsModule } from './scheduled-jobs.module';
import { ScheduledWorker } from './scheduled-worker';
import { SlackEventsModule } from './slack-events/slack-events.module';
import { SlackEventsWorker } from './slack-events/slack-events-worker';
import { WebhookWorker } from './webhook-worker';

/** webhook-dispatcher: the workers of the webhook, Slack events and scheduled-jobs queues. */
@Module({
  imports: [
    DispatcherClientsModule,
    DeliveryModule,
    SlackEventsModule,
    ScheduledJobsModule,
    HealthModule,
    MetricsModule,
  ],
})
export class WebhookDispatcherModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    private readonly worker: WebhookWorker,
    private readonly slackEventsWorker: SlackEventsWorker,
    private readonly scheduled: ScheduledWorker,
    @Inject(DISPATCHER_REDIS) private readonly redis: RedisClient,
  ) {}

  onModuleInit(): void {
    this.health.register('worker', async () => {
      if (!this.worker.running || !this.scheduled.running) throw new Error('worker not running');
    });
    this.health.register('redis', () => pingRedis(this.redis));
  }

  /**
   * This module shuts down before the modules it imports: every worker stops taking jobs here, all at
   * once, and waits for its running ones before any module closes what those jobs use.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.worker.close(), this.slackEventsWorker.close(), this.scheduled.close()]);
  }
}
