import { Logger } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { type DeliveryAttemptRecorded, type DeliveryAttemptResult, type DeliveryAttemptStart, DomainError, type WebhookDeliverJob } from '@switchboard/contracts';
import type { MessagingClient } from '@switchboard/platform';
import { classifyAnswer } from './delivery-outcome';
import type { TargetSemaphore } from './target-semaphore';
import type { WebhookHttpClient } from './webhook-http-client';
import type { WebhookMetrics } from './webhook-metrics';
import { signatureHeaders } from './webhook-signature';

/** Thrown for a retryable attempt; the worker's backoff strategy reads `retryAfterMs`. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

const DEFER_MIN_MS = 50;
const DEFER_SPREAD_MS = 250;
const INTERNAL_RETRY_MS = 1000;
const INTERNAL_RETRY_SPREAD_MS = 1000;

/**
 * One attempt of one delivery. messaging-service says what to send (or that the delivery is
 * finished — a job that runs twice finds it delivered and stops) and records the outcome; a reply is
 * posted there, once, keyed by the delivery id. The dispatcher itself holds no state.
 */
export class WebhookDeliveryHandler {
  private readonly logger = new Logger(WebhookDeliveryHandler.name);

  constructor(
    private readonly messaging: MessagingClient,
    private readonly http: WebhookHttpClient,
    private readonly semaphore: TargetSemaphore,
    private readonly metrics: WebhookMetrics,
  ) {}

  async handle(job: Job<WebhookDeliverJob>, token?: string): Promise<DeliveryAttemptRecorded | { skipped: string }> {
    const { deliveryId } = job.data;
    const start = await this.internal(job, token, () => this.messaging.call<DeliveryAttemptStart>('POST', `/webhook-deliveries/${deliveryId}/attempts`));
    if (start.action === 'skip') {
      this.metrics.finished('skipped');
      return { skipped: start.reason };
    }
    const release = await this.semaphore.tryAcquire(targetOf(start.url));
    if (!release) {
      // The target is at its concurrency cap: step aside without using an attempt or a worker slot.
      this.metrics.attempt('deferred');
      await job.moveToDelayed(Date.now() + DEFER_MIN_MS + Math.floor(Math.random() * DEFER_SPREAD_MS), token);
      throw new DelayedError();
    }
    const started = performance.now();
    let answer;
    try {
      answer = await this.http.post(start.url, start.body, signatureHeaders(start.signingSecret, start.body, deliveryId, Date.now()));
    } finally {
      await release();
    }
    const seconds = (performance.now() - started) / 1000;
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const classified = classifyAnswer(answer, isLastAttempt, Date.now());
    const result: DeliveryAttemptResult = { outcome: classified.outcome, statusCode: classified.statusCode, error: classified.error, durationMs: Math.round(seconds * 1000), reply: classified.reply };
    // If this cannot be recorded the job runs again later and POSTs again: delivery is at least once.
    const recorded = await this.internal(job, token, () => this.messaging.call<DeliveryAttemptRecorded>('POST', `/webhook-deliveries/${deliveryId}/result`, { body: result }));
    this.metrics.attempt(classified.outcome, seconds);
    this.logger.debug({ msg: 'webhook attempt', delivery: deliveryId, attempt: start.attempt, outcome: classified.outcome, status: classified.statusCode });
    switch (classified.outcome) {
      case 'delivered':
        this.metrics.finished('delivered');
        this.metrics.delivered((Date.now() - job.timestamp) / 1000);
        return recorded;
      case 'retry':
        throw new RetryableDeliveryError(classified.error ?? 'retry', classified.retryAfterMs);
      case 'dead':
        this.metrics.finished('dead');
        throw new UnrecoverableError(classified.error ?? 'delivery failed');
    }
  }

  /**
   * A call to messaging-service. While it is unavailable the job waits (moved back to delayed) and
   * uses none of its attempts — they are for the target's failures, and a job that ran out of them
   * here would leave its delivery pending forever. A 4xx (e.g. the delivery was removed) ends the job.
   */
  private async internal<T>(job: Job<WebhookDeliverJob>, token: string | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) throw new UnrecoverableError(`messaging-service refused: ${error.message}`);
      this.metrics.attempt('deferred');
      this.logger.warn({ msg: 'messaging-service unavailable, delivery waits', delivery: job.data.deliveryId });
      await job.moveToDelayed(Date.now() + INTERNAL_RETRY_MS + Math.floor(Math.random() * INTERNAL_RETRY_SPREAD_MS), token);
      throw new DelayedError();
    }
  }
}

function targetOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return 'invalid';
  }
}
