import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SlackEventsJobName, WebhookJobName } from '@switchboard/contracts';
import { HealthModule, HealthRegistry, MessagingClient, MetricsModule, MetricsRegistry, createRedis, pingRedis, type RedisClient } from '@switchboard/platform';
import { TargetSemaphore } from './delivery/target-semaphore';
import { WebhookDeliveryHandler } from './delivery/webhook-delivery.handler';
import { WebhookHttpClient } from './delivery/webhook-http-client';
import { WebhookMetrics } from './delivery/webhook-metrics';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import { ScheduledJobCallbacks } from './scheduled-job-callbacks';
import { ScheduledWorker } from './scheduled-worker';
import { WebhookWorker } from './webhook-worker';
import { SlackEventDeliveryHandler } from './slack-events/slack-event-delivery.handler';
import { SlackEventsWorker } from './slack-events/slack-events-worker';

const DISPATCHER_REDIS = Symbol('DISPATCHER_REDIS');
// A lease outlives the longest request, so only a crashed worker's slots ever expire.
const LEASE_MARGIN_MS = 5000;

@Module({
  imports: [HealthModule, MetricsModule],
  providers: [
    JobHandlers,
    { provide: DISPATCHER_REDIS, inject: [DispatcherConfig], useFactory: (config: DispatcherConfig) => createRedis(config.REDIS_URL, 'webhook-dispatcher') },
    { provide: MessagingClient, inject: [DispatcherConfig], useFactory: (config: DispatcherConfig) => new MessagingClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET) },
    {
      provide: WebhookHttpClient,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) =>
        new WebhookHttpClient({ timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxResponseBytes: config.WEBHOOK_MAX_RESPONSE_BYTES, allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS }),
    },
    {
      provide: TargetSemaphore,
      inject: [DISPATCHER_REDIS, DispatcherConfig],
      useFactory: (redis: RedisClient, config: DispatcherConfig) => new TargetSemaphore(redis, config.WEBHOOK_PER_TARGET_CONCURRENCY, config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS),
    },
    { provide: WebhookMetrics, inject: [MetricsRegistry], useFactory: (registry: MetricsRegistry) => new WebhookMetrics(registry) },
    {
      provide: WebhookDeliveryHandler,
      inject: [MessagingClient, WebhookHttpClient, TargetSemaphore, WebhookMetrics],
      useFactory: (messaging: MessagingClient, http: WebhookHttpClient, semaphore: TargetSemaphore, metrics: WebhookMetrics) => new WebhookDeliveryHandler(messaging, http, semaphore, metrics),
    },
    {
      provide: WebhookWorker,
      inject: [DispatcherConfig, JobHandlers],
      // BullMQ workers block on Redis and must never give up retrying a command.
      useFactory: (config: DispatcherConfig, handlers: JobHandlers) => new WebhookWorker(config, handlers, createRedis(config.REDIS_URL, 'webhook-worker', { maxRetriesPerRequest: null })),
    },
    ScheduledJobCallbacks,
    {
      provide: SlackEventDeliveryHandler,
      inject: [MessagingClient, TargetSemaphore, DISPATCHER_REDIS, DispatcherConfig],
      useFactory: (messaging: MessagingClient, semaphore: TargetSemaphore, redis: RedisClient, config: DispatcherConfig) =>
        new SlackEventDeliveryHandler(messaging, new WebhookHttpClient({ timeoutMs: config.SLACK_EVENTS_TIMEOUT_MS, maxResponseBytes: 64 * 1024, allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS }), semaphore, redis),
    },
    {
      provide: SlackEventsWorker,
      inject: [DispatcherConfig, JobHandlers],
      useFactory: (config: DispatcherConfig, handlers: JobHandlers) => new SlackEventsWorker(config, handlers, createRedis(config.REDIS_URL, 'slack-events-worker', { maxRetriesPerRequest: null })),
    },
    {
      provide: ScheduledWorker,
      inject: [DispatcherConfig, JobHandlers],
      useFactory: (config: DispatcherConfig, handlers: JobHandlers) => new ScheduledWorker(config, handlers, createRedis(config.REDIS_URL, 'scheduled-worker', { maxRetriesPerRequest: null })),
    },
  ],
})
export class WebhookDispatcherModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    private readonly worker: WebhookWorker,
    private readonly scheduled: ScheduledWorker,
    private readonly handlers: JobHandlers,
    private readonly delivery: WebhookDeliveryHandler,
    private readonly http: WebhookHttpClient,
    @Inject(DISPATCHER_REDIS) private readonly redis: RedisClient,
    private readonly slackEvents: SlackEventDeliveryHandler,
  ) {}

  onModuleInit(): void {
    this.handlers.register(WebhookJobName.Deliver, (job, token) => this.delivery.handle(job, token));
    this.handlers.register(SlackEventsJobName.Deliver, (job, token) => this.slackEvents.handle(job, token));
    this.health.register('worker', async () => {
      if (!this.worker.running || !this.scheduled.running) throw new Error('worker not running');
    });
    this.health.register('redis', () => pingRedis(this.redis));
  }

  /** In-flight deliveries finish before their HTTP agents and Redis go away. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker.close();
    this.http.close();
    await this.redis.quit().catch(() => undefined);
  }
}
