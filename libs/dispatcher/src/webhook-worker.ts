import { Injectable } from '@nestjs/common';
import { WEBHOOK_QUEUE, WebhookJobName } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import { backoffDelay } from './delivery/delivery-outcome';
import { RetryableDeliveryError } from './delivery/webhook-delivery.handler';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import { QueueWorker } from './queue-worker';

/**
 * The worker of the webhook queue. Retries use the `custom` backoff the producer asks for:
 * exponential with jitter, or the target's Retry-After. A crashed worker's jobs come back after
 * WEBHOOK_JOB_LOCK_MS (stalled-job check).
 */
@Injectable()
export class WebhookWorker extends QueueWorker {
  constructor(config: DispatcherConfig, handlers: JobHandlers, connection: RedisClient) {
    const { WEBHOOK_BACKOFF_BASE_MS: base, WEBHOOK_BACKOFF_MAX_MS: max } = config;
    super(
      {
        queue: WEBHOOK_QUEUE,
        jobNames: Object.values(WebhookJobName),
        options: {
          prefix: config.QUEUE_PREFIX,
          concurrency: config.WEBHOOK_CONCURRENCY,
          lockDuration: config.WEBHOOK_JOB_LOCK_MS,
          stalledInterval: config.WEBHOOK_JOB_LOCK_MS,
          settings: {
            backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
              backoffDelay(
                attemptsMade,
                base,
                max,
                error instanceof RetryableDeliveryError ? error.retryAfterMs : null,
                Math.random(),
              ),
          },
        },
      },
      handlers,
      connection,
    );
  }
}
