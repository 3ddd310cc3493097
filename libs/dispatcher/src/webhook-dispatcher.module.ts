import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SlackEventsJobName, WebhookJobName } from '@switchboard/contracts';
import {
  HealthModule,
  HealthRegistry,
  InternalClient,
  MetricsModule,
  MetricsRegistry,
  createRedis,
  pingRedis,
  type RedisClient,
} from '@switchboard/platform';
import { MessagingAvailability } from './delivery/messaging-availability';
import { OutcomeRecorder } from './delivery/outcome-recorder';
import { SigningSecrets } from './delivery/signing-secrets';
import { TargetSemaphore } from './delivery/target-semaphore';
import { TargetSlots } from './delivery/target-slots';
import { WebhookDeliveryHandler } from './delivery/webhook-delivery.handler';
import { WebhookHttpClient } from './delivery/webhook-http-client';
import { WebhookMetrics } from './delivery/webhook-metrics';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import { ScheduledJobCallbacks } from './scheduled-job-callbacks';
import { queueWorker } from './queue-worker';
import { ScheduledWorker } from './scheduled-worker';
import { WebhookWorker } from './webhook-worker';
import { SlackEventDeliveryHandler } from './slack-events/slack-event-delivery.handler';
import { SlackEventsWorker } from './slack-events/slack-events-worker';

const DISPATCHER_REDIS = Symbol('DISPATCHER_REDIS');
// A lease outlives the longest request, so only a crashed worker's slots ever expire.
const LEASE_MARGIN_MS = 5000;
// A job waits this long for a slot of its target in this worker before it steps aside.
const SLOT_WAIT_MS = 100;
// A per-target lease passes from request to request in one worker for this long at most; it stays
// below LEASE_MARGIN_MS, so a handed-over lease never expires in Redis while its request runs.
const LEASE_HANDOFF_MS = 250;
// A lease no job waits for stays parked in the worker this long for the target's next job
// (a hot target's next job comes within a millisecond or two: no Redis round trips in between).
const LEASE_IDLE_MS = 20;
// While messaging-service is down, one probe per second says when it is back.
const MESSAGING_PROBE_MS = 1000;

@Module({
  imports: [HealthModule, MetricsModule],
  providers: [
    JobHandlers,
    {
      provide: DISPATCHER_REDIS,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) => createRedis(config.REDIS_URL, 'webhook-dispatcher'),
    },
    {
      provide: InternalClient,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) =>
        new InternalClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET),
    },
    {
      provide: WebhookHttpClient,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) =>
        new WebhookHttpClient({
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          maxResponseBytes: config.WEBHOOK_MAX_RESPONSE_BYTES,
          allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
          connectionsPerTarget: config.WEBHOOK_PER_TARGET_CONCURRENCY,
        }),
    },
    {
      provide: TargetSemaphore,
      inject: [DISPATCHER_REDIS, DispatcherConfig],
      useFactory: (redis: RedisClient, config: DispatcherConfig) =>
        new TargetSemaphore(redis, config.WEBHOOK_PER_TARGET_CONCURRENCY, config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS),
    },
    {
      provide: WebhookMetrics,
      inject: [MetricsRegistry],
      useFactory: (registry: MetricsRegistry) => new WebhookMetrics(registry),
    },
    {
      provide: SigningSecrets,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) => new SigningSecrets(config.WEBHOOK_SECRET_KEY),
    },
    {
      provide: MessagingAvailability,
      inject: [InternalClient],
      useFactory: (messaging: InternalClient) => new MessagingAvailability(() => messaging.ready(), MESSAGING_PROBE_MS),
    },
    {
      provide: OutcomeRecorder,
      inject: [InternalClient, MessagingAvailability, DispatcherConfig],
      useFactory: (messaging: InternalClient, availability: MessagingAvailability, config: DispatcherConfig) =>
        new OutcomeRecorder(messaging, availability, {
          maxItems: config.WEBHOOK_OUTCOME_BATCH_SIZE,
          maxWaitMs: config.WEBHOOK_OUTCOME_BATCH_MS,
        }),
    },
    {
      provide: WebhookDeliveryHandler,
      inject: [
        WebhookHttpClient,
        TargetSemaphore,
        SigningSecrets,
        OutcomeRecorder,
        MessagingAvailability,
        WebhookMetrics,
        DispatcherConfig,
      ],
      useFactory: (
        http: WebhookHttpClient,
        semaphore: TargetSemaphore,
        secrets: SigningSecrets,
        recorder: OutcomeRecorder,
        availability: MessagingAvailability,
        metrics: WebhookMetrics,
        config: DispatcherConfig,
      ) =>
        new WebhookDeliveryHandler(
          http,
          new TargetSlots(semaphore, {
            perTarget: config.WEBHOOK_PER_TARGET_CONCURRENCY,
            maxWaitMs: SLOT_WAIT_MS,
            handoffMs: LEASE_HANDOFF_MS,
            idleMs: LEASE_IDLE_MS,
          }),
          secrets,
          recorder,
          availability,
          metrics,
        ),
    },
    queueWorker(WebhookWorker, 'webhook-worker'),
    ScheduledJobCallbacks,
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
    queueWorker(ScheduledWorker, 'scheduled-worker'),
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
    private readonly recorder: OutcomeRecorder,
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
    await this.recorder.drain();
    this.delivery.close();
    this.http.close();
    await this.redis.quit().catch(() => undefined);
  }
}
