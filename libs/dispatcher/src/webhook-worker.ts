import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { WEBHOOK_QUEUE, WebhookJobName } from '@switchboard/contracts';
import { backoffDelay } from './delivery/delivery-outcome';
import { RetryableDeliveryError } from './delivery/webhook-delivery.handler';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import type { RedisClient } from '@switchboard/platform';

/**
 * The BullMQ worker of the webhook queue. Retries use the `custom` backoff the producer asks for:
 * exponential with jitter, or the target's Retry-After. A crashed worker's jobs come back after
 * WEBHOOK_JOB_LOCK_MS (stalled-job check). On shutdown it stops taking jobs and lets running ones finish.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookWorker.name);
  private worker: Worker | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly handlers: JobHandlers,
    private readonly connection: RedisClient,
  ) {}

  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  onApplicationBootstrap(): void {
    const missing = Object.values(WebhookJobName).filter((name) => !this.handlers.get(name));
    if (missing.length > 0) throw new Error(`no handler for job names: ${missing.join(', ')}`);
    const { WEBHOOK_BACKOFF_BASE_MS: base, WEBHOOK_BACKOFF_MAX_MS: max } = this.config;
    this.worker = new Worker(WEBHOOK_QUEUE, (job, token) => this.process(job, token), {
      connection: this.connection,
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.WEBHOOK_CONCURRENCY,
      lockDuration: this.config.WEBHOOK_JOB_LOCK_MS,
      stalledInterval: this.config.WEBHOOK_JOB_LOCK_MS,
      autorun: true,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
          backoffDelay(attemptsMade, base, max, error instanceof RetryableDeliveryError ? error.retryAfterMs : null, Math.random()),
      },
    });
    this.worker.on('failed', (job, error) => this.logger.warn({ msg: 'job attempt failed', queue: WEBHOOK_QUEUE, job: job?.id, name: job?.name, attempts: job?.attemptsMade, err: error.message }));
    this.worker.on('error', (error) => this.logger.error({ msg: 'worker error', err: error.message }));
    this.logger.log({ msg: 'worker started', queue: WEBHOOK_QUEUE, concurrency: this.config.WEBHOOK_CONCURRENCY, handlers: this.handlers.names });
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Stops taking jobs and waits for the running ones; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close();
      await this.connection.quit().catch(() => undefined);
    })();
    return this.closing;
  }

  private process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job, token);
  }
}
