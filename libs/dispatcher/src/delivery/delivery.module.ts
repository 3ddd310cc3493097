import { Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { WebhookJobName } from '@switchboard/contracts';
import { InternalClient, MetricsRegistry, type RedisClient } from '@switchboard/platform';
import { DISPATCHER_REDIS, DispatcherClientsModule } from '../dispatcher-clients.module';
import { DispatcherConfig } from '../dispatcher.config';
import { JobHandlers } from '../job-handlers';
import { queueWorker } from '../queue-worker';
import { WebhookWorker } from '../webhook-worker';
import { MessagingAvailability } from './messaging-availability';
import { OutcomeRecorder } from './outcome-recorder';
import { SigningSecrets } from './signing-secrets';
import { TargetSemaphore } from './target-semaphore';
import { TargetSlots } from './target-slots';
import { WebhookDeliveryHandler } from './webhook-delivery.handler';
import { WebhookHttpClient } from './webhook-http-client';
import { WebhookMetrics } from './webhook-metrics';

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

/**
 * Outgoing webhook deliveries: the webhook queue's worker (webhook-worker.ts), signed HTTP requests
 * under per-target concurrency leases, and their outcomes reported to messaging-service in batches.
 */
@Module({
  imports: [DispatcherClientsModule],
  providers: [
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
  ],
  exports: [TargetSemaphore, WebhookWorker],
})
export class DeliveryModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly worker: WebhookWorker,
    private readonly delivery: WebhookDeliveryHandler,
    private readonly http: WebhookHttpClient,
    private readonly recorder: OutcomeRecorder,
  ) {}

  onModuleInit(): void {
    this.handlers.register(WebhookJobName.Deliver, (job, token) => this.delivery.handle(job, token));
  }

  /** In-flight deliveries finish before their outcomes are flushed and their HTTP agents go away. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker.close();
    await this.recorder.drain();
    this.delivery.close();
    this.http.close();
  }
}
