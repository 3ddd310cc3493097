import { Logger } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import {
  type AttemptOutcome,
  type DeliveryAttemptRecorded,
  type DeliveryStatus,
  DomainError,
  type WebhookDeliverJob,
} from '@switchboard/contracts';
import { classifyAnswer } from './delivery-outcome';
import type { MessagingAvailability } from './messaging-availability';
import type { OutcomeRecorder } from './outcome-recorder';
import type { SigningSecrets } from './signing-secrets';
import type { TargetSlots } from './target-slots';
import { parseTarget } from './target-url';
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

/** The status a delivery has after recording each outcome, unless it was finished by someone else. */
const EXPECTED_STATUS: Record<AttemptOutcome, DeliveryStatus> = {
  delivered: 'delivered',
  retry: 'pending',
  dead: 'dead',
};

/**
 * One attempt of one delivery. The job carries what to send (target, body, signing salt), so the
 * hot path asks messaging-service nothing; the outcome is recorded in a batch with other
 * deliveries' (a reply is posted there, once, keyed by the delivery id), and the job ends only when
 * it is. A delivery finished meanwhile (its message or webhook deleted, or delivered by an earlier
 * run of the job) ends the job whatever this attempt's outcome.
 */
export class WebhookDeliveryHandler {
  private readonly logger = new Logger(WebhookDeliveryHandler.name);

  constructor(
    private readonly http: WebhookHttpClient,
    private readonly slots: TargetSlots,
    private readonly secrets: SigningSecrets,
    private readonly recorder: OutcomeRecorder,
    private readonly availability: MessagingAvailability,
    private readonly metrics: WebhookMetrics,
  ) {}

  async handle(job: Job<WebhookDeliverJob>, token?: string): Promise<DeliveryAttemptRecorded | { skipped: string }> {
    const { deliveryId, webhookId, url, body, signingSalt } = job.data;
    if (typeof url !== 'string' || typeof body !== 'string' || typeof signingSalt !== 'string')
      throw new UnrecoverableError('job without target, body or signing salt');
    // Nothing is sent whose outcome could not be recorded (it would only be sent again).
    if (!(await this.availability.isUp())) return this.waitForMessaging(job, token);
    const release = await this.slots.acquire(targetOf(url));
    if (!release) {
      // The target is at its concurrency cap: step aside without using an attempt or a worker slot.
      this.metrics.attempt('deferred');
      await job.moveToDelayed(Date.now() + DEFER_MIN_MS + Math.floor(Math.random() * DEFER_SPREAD_MS), token);
      throw new DelayedError();
    }
    const started = performance.now();
    let answer;
    try {
      answer = await this.http.post(
        url,
        body,
        signatureHeaders(this.secrets.of(webhookId, signingSalt), body, deliveryId, Date.now()),
      );
    } finally {
      release();
    }
    const seconds = (performance.now() - started) / 1000;
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const classified = classifyAnswer(answer, isLastAttempt, Date.now());
    let recorded: DeliveryAttemptRecorded;
    try {
      recorded = await this.recorder.record({
        deliveryId,
        outcome: classified.outcome,
        statusCode: classified.statusCode,
        error: classified.error,
        durationMs: Math.round(seconds * 1000),
        reply: classified.reply,
      });
    } catch (error) {
      if (error instanceof DomainError && error.status < 500)
        throw new UnrecoverableError(`messaging-service refused: ${error.message}`);
      // Not recorded: the job runs again later and POSTs again — delivery is at least once.
      return this.waitForMessaging(job, token);
    }
    this.metrics.attempt(classified.outcome, seconds);
    if (recorded.status !== EXPECTED_STATUS[classified.outcome]) {
      this.metrics.finished('skipped');
      return { skipped: `delivery is ${recorded.status}` };
    }
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

  /** Gives back the per-target leases this worker keeps parked (after the last job ended). */
  close(): void {
    this.slots.close();
  }

  /**
   * While messaging-service is unavailable the job waits (moved back to delayed) and uses none of
   * its attempts — they are for the target's failures, and a job that ran out of them here would
   * leave its delivery pending forever.
   */
  private async waitForMessaging(job: Job<WebhookDeliverJob>, token: string | undefined): Promise<never> {
    this.metrics.attempt('deferred');
    this.logger.warn({ msg: 'messaging-service unavailable, delivery waits', delivery: job.data.deliveryId });
    await job.moveToDelayed(
      Date.now() + INTERNAL_RETRY_MS + Math.floor(Math.random() * INTERNAL_RETRY_SPREAD_MS),
      token,
    );
    throw new DelayedError();
  }
}

function targetOf(url: string): string {
  const parsed = parseTarget(url);
  return 'invalid' in parsed ? 'invalid' : parsed.host;
}
