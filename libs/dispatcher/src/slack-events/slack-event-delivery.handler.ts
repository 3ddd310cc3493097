import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { DomainError, type SlackEventDeliverJob, type SlackEventsTarget, InternalRoutes } from '@switchboard/contracts';
import type { InternalClient, RedisClient } from '@switchboard/platform';
import type { TargetAnswer } from '../delivery/delivery-outcome';
import type { TargetSemaphore } from '../delivery/target-semaphore';
import type { WebhookHttpClient } from '../delivery/webhook-http-client';
import { type SlackRetryReason, slackSignatureHeaders } from './slack-request-signing';

/** Thrown for a retryable attempt; its message is the next attempt's X-Slack-Retry-Reason. */
export class SlackEventRetry extends Error {
  constructor(readonly reason: SlackRetryReason) {
    super(reason);
    this.name = 'SlackEventRetry';
  }
}

const DEFER_MIN_MS = 50;
const DEFER_SPREAD_MS = 250;
const INTERNAL_RETRY_MS = 1000;
const verifiedKey = (appId: string) => `sb:apps:{app:${appId}}:verified-url`;

/**
 * One Events API attempt: asks messaging-service where the app's events go and with which secret,
 * makes sure the URL passed Slack's `url_verification` challenge (once per URL), then POSTs the
 * signed event. Same SSRF guard (the HTTP client) and per-target cap (the semaphore) as outgoing
 * webhooks. Retries carry X-Slack-Retry-Num / X-Slack-Retry-Reason; a target answering
 * `x-slack-no-retry: 1` is not retried; after the last retry the job fails (kept as failed, dead).
 */
export class SlackEventDeliveryHandler {
  private readonly logger = new Logger(SlackEventDeliveryHandler.name);

  constructor(
    private readonly messaging: InternalClient,
    private readonly http: WebhookHttpClient,
    private readonly semaphore: TargetSemaphore,
    private readonly redis: RedisClient,
  ) {}

  async handle(job: Job<SlackEventDeliverJob>, token?: string): Promise<{ delivered: true } | { skipped: string }> {
    const { appId, body, eventId } = job.data;
    const target = await this.target(job, token, appId);
    if (target.action === 'skip') return { skipped: target.reason };
    const release = await this.semaphore.tryAcquire(targetOf(target.url));
    if (!release) {
      await job.moveToDelayed(Date.now() + DEFER_MIN_MS + Math.floor(Math.random() * DEFER_SPREAD_MS), token);
      throw new DelayedError();
    }
    let answer: TargetAnswer;
    try {
      await this.verify(appId, target);
      const retry = job.attemptsMade;
      const retryHeaders: Record<string, string> =
        retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': retryReason(job.failedReason) } : {};
      answer = await this.http.post(target.url, body, {
        ...slackSignatureHeaders(target.signingSecret, body, Date.now()),
        ...retryHeaders,
      });
    } finally {
      await release();
    }
    const outcome = classify(answer);
    this.logger.debug({ msg: 'slack event attempt', app: appId, event: eventId, attempt: job.attemptsMade, outcome });
    if (outcome === 'delivered') return { delivered: true };
    if (outcome === 'no_retry' || outcome === 'refused')
      throw new UnrecoverableError(
        outcome === 'refused' && answer.kind === 'refused'
          ? `refused: ${answer.reason}`
          : 'target asked for no retries',
      );
    throw new SlackEventRetry(outcome);
  }

  /** Slack sends `url_verification` when the URL is set; here before the first event to a URL, remembered per app and URL. */
  private async verify(appId: string, target: Extract<SlackEventsTarget, { action: 'deliver' }>): Promise<void> {
    const urlHash = createHash('sha256').update(target.url).digest('hex');
    if ((await this.redis.get(verifiedKey(appId))) === urlHash) return;
    const challenge = createHash('sha256').update(`${appId}:${Date.now()}:${Math.random()}`).digest('base64url');
    const body = JSON.stringify({ token: 'deprecated', challenge, type: 'url_verification' });
    const answer = await this.http.post(
      target.url,
      body,
      slackSignatureHeaders(target.signingSecret, body, Date.now()),
    );
    if (answer.kind === 'refused') throw new UnrecoverableError(`refused: ${answer.reason}`);
    if (
      answer.kind !== 'response' ||
      answer.statusCode < 200 ||
      answer.statusCode >= 300 ||
      !answerCarries(answer.body, challenge)
    ) {
      throw new SlackEventRetry(
        answer.kind === 'timeout' ? 'http_timeout' : answer.kind === 'network' ? 'connection_failed' : 'http_error',
      );
    }
    await this.redis.set(verifiedKey(appId), urlHash);
  }

  private async target(
    job: Job<SlackEventDeliverJob>,
    token: string | undefined,
    appId: string,
  ): Promise<SlackEventsTarget> {
    try {
      return await this.messaging.call({}, InternalRoutes.slackAppEventsTarget, { params: { appId } });
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) throw new UnrecoverableError(error.message);
      // messaging-service is away: wait without using one of the target's attempts.
      await job.moveToDelayed(Date.now() + INTERNAL_RETRY_MS + Math.floor(Math.random() * INTERNAL_RETRY_MS), token);
      throw new DelayedError();
    }
  }
}

type Outcome = 'delivered' | 'no_retry' | 'refused' | SlackRetryReason;

function classify(answer: TargetAnswer): Outcome {
  switch (answer.kind) {
    case 'refused':
      return 'refused';
    case 'timeout':
      return 'http_timeout';
    case 'network':
      return 'connection_failed';
    case 'response': {
      if (answer.statusCode >= 200 && answer.statusCode < 300) return 'delivered';
      if (String(answer.headers['x-slack-no-retry'] ?? '') === '1') return 'no_retry';
      return answer.statusCode >= 300 && answer.statusCode < 400 ? 'too_many_redirects' : 'http_error';
    }
  }
}

function retryReason(failedReason: string | undefined): string {
  const known: SlackRetryReason[] = ['http_timeout', 'http_error', 'connection_failed', 'too_many_redirects'];
  return known.find((reason) => reason === failedReason) ?? 'unknown_error';
}

/** A challenge answer is the challenge itself, as text or as `{"challenge": …}` JSON. */
function answerCarries(body: string, challenge: string): boolean {
  if (body.trim() === challenge) return true;
  try {
    return (JSON.parse(body) as { challenge?: unknown }).challenge === challenge;
  } catch {
    return false;
  }
}

function targetOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
}
