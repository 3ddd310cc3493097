import { Module, type OnModuleInit } from '@nestjs/common';
import { HealthModule, HealthRegistry, createRedis } from '@switchboard/platform';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import { WebhookWorker } from './webhook-worker';

@Module({
  imports: [HealthModule],
  providers: [
    JobHandlers,
    {
      provide: WebhookWorker,
      inject: [DispatcherConfig, JobHandlers],
      // BullMQ workers block on Redis and must never give up retrying a command.
      useFactory: (config: DispatcherConfig, handlers: JobHandlers) => new WebhookWorker(config, handlers, createRedis(config.REDIS_URL, 'webhook-worker', { maxRetriesPerRequest: null })),
    },
  ],
})
export class WebhookDispatcherModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly worker: WebhookWorker,
  ) {}

  onModuleInit(): void {
    this.health.register('worker', async () => {
      if (!this.worker.running) throw new Error('worker not running');
    });
  }
}
