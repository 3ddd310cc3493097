import { Inject, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { JobName, SCHEDULED_QUEUE } from '@switchboard/contracts';
import { HealthModule, HealthRegistry, MessagingClient, createRedis } from '@switchboard/platform';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import { StatusExpiryHandler } from './status/status-expiry.handler';
import { WebhookWorker } from './webhook-worker';

const SCHEDULED_WORKER = Symbol('SCHEDULED_WORKER');

@Module({
  imports: [HealthModule],
  providers: [
    JobHandlers,
    { provide: MessagingClient, inject: [DispatcherConfig], useFactory: (config: DispatcherConfig) => new MessagingClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET) },
    StatusExpiryHandler,
    {
      provide: WebhookWorker,
      inject: [DispatcherConfig, JobHandlers],
      // BullMQ workers block on Redis and must never give up retrying a command.
      useFactory: (config: DispatcherConfig, handlers: JobHandlers) => new WebhookWorker(config, handlers, createRedis(config.REDIS_URL, 'webhook-worker', { maxRetriesPerRequest: null })),
    },
    {
      provide: SCHEDULED_WORKER,
      inject: [DispatcherConfig, JobHandlers],
      useFactory: (config: DispatcherConfig, handlers: JobHandlers) =>
        new WebhookWorker(config, handlers, createRedis(config.REDIS_URL, 'scheduled-worker', { maxRetriesPerRequest: null }), SCHEDULED_QUEUE, config.SCHEDULED_CONCURRENCY),
    },
  ],
})
export class WebhookDispatcherModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly health: HealthRegistry,
    private readonly handlers: JobHandlers,
    private readonly worker: WebhookWorker,
    @Inject(SCHEDULED_WORKER) private readonly scheduled: WebhookWorker,
  ) {}

  onModuleInit(): void {
    this.health.register('worker', async () => {
      if (!this.worker.running || !this.scheduled.running) throw new Error('worker not running');
    });
  }

  /** Every job name of the contracts has a handler, or the worker does not start. */
  onApplicationBootstrap(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers.get(name));
    if (missing.length > 0) throw new Error(`no handler for jobs: ${missing.join(', ')}`);
  }
}
