import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type DeliveryAttemptRecorded,
  type DeliveryAttemptResult,
  type DeliveryAttemptStart,
  type DeliveryPage,
  DomainError,
  ErrorCode,
  type ListDeliveriesQuery,
  MAX_MESSAGE_LENGTH,
  type OutgoingWebhookPayload,
  type WebhookDeliveryView,
  deliveryJobId,
} from '@switchboard/contracts';
import type { UserEntity, WebhookDeliveryEntity } from '@switchboard/db';
import { MessageService } from '../messages/message.service';
import { MessagingConfig } from '../messaging.config';
import { deriveSigningSecret } from './webhook-secrets';
import { WebhookJobQueue } from './webhook-job.queue';
import { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';
import { toDeliveryView } from './webhook-views';

const MAX_ERROR_LENGTH = 500;
const DEFAULT_PAGE = 50;

/**
 * Outgoing deliveries: listed and retried by hand by the webhook's managers; started and finished
 * by the dispatcher through the internal API, which never touches the database itself.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: MessagingConfig,
    private readonly webhooks: WebhookRepository,
    private readonly webhookService: WebhookService,
    private readonly messages: MessageService,
    private readonly queue: WebhookJobQueue,
  ) {}

  async list(actor: UserEntity, webhookId: string, query: ListDeliveriesQuery): Promise<DeliveryPage> {
    await this.webhookService.get(actor, webhookId);
    const page = await this.webhooks.listDeliveries(webhookId, query.status, { limit: query.limit ?? DEFAULT_PAGE, beforeId: query.beforeDeliveryID, afterId: query.afterDeliveryID });
    return { deliveries: page.rows.map(toDeliveryView), hasMore: page.hasMore };
  }

  /** A dead delivery goes back to pending with a fresh set of attempts. */
  async retry(actor: UserEntity, webhookId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    await this.webhookService.get(actor, webhookId);
    const delivery = await this.db.transaction(async (em) => {
      const found = await this.webhooks.findDelivery(deliveryId, em, true);
      if (!found || found.webhookId !== webhookId) throw new DomainError(ErrorCode.DeliveryNotFound, `Delivery ${deliveryId} not found`);
      if (found.status !== 'dead') throw new DomainError(ErrorCode.Conflict, `Only dead deliveries can be retried; this one is ${found.status}`);
      Object.assign(found, { status: 'pending', manualRetries: found.manualRetries + 1, completedAt: null });
      return this.webhooks.saveDelivery(em, found);
    });
    try {
      await this.queue.add([{ jobId: deliveryJobId(delivery.id, delivery.manualRetries), deliveryId: delivery.id, webhookId, organisationId: delivery.organisationId }]);
    } catch {
      await this.db.query(`UPDATE webhook_deliveries SET status = 'dead', last_error = 'the retry could not be queued' WHERE id = $1`, [delivery.id]);
      throw new DomainError(ErrorCode.Unavailable, 'The retry could not be queued; try again');
    }
    return toDeliveryView(delivery);
  }

  /**
   * Dispatcher: what to send for the next attempt, or that there is nothing (more) to send. Attempts
   * are counted when their result is recorded, so an attempt deferred for a busy target costs nothing.
   */
  async startAttempt(deliveryId: string): Promise<DeliveryAttemptStart> {
    const delivery = await this.webhooks.findDelivery(deliveryId);
    if (!delivery) throw new DomainError(ErrorCode.DeliveryNotFound, `Delivery ${deliveryId} not found`);
    if (delivery.status !== 'pending') return { action: 'skip', reason: `delivery is ${delivery.status}` };
    const webhook = await this.webhooks.findLive(delivery.webhookId);
    if (!webhook || webhook.kind !== 'outgoing' || !webhook.url) {
      await this.db.query(`UPDATE webhook_deliveries SET status = 'dead', last_error = $2, completed_at = now() WHERE id = $1 AND status = 'pending'`, [
        delivery.id,
        'the webhook was deleted or is no longer outgoing',
      ]);
      return { action: 'skip', reason: 'webhook gone' };
    }
    const [message] = (await this.db.query('SELECT deleted_at FROM messages WHERE id = $1', [delivery.messageId])) as { deleted_at: Date | null }[];
    if (!message || message.deleted_at) {
      // A deleted message's text is gone; it must not leave the organisation afterwards.
      await this.db.query(`UPDATE webhook_deliveries SET status = 'dead', last_error = $2, completed_at = now() WHERE id = $1 AND status = 'pending'`, [delivery.id, 'the message was deleted']);
      return { action: 'skip', reason: 'message deleted' };
    }
    const payload: OutgoingWebhookPayload = { ...delivery.payload, deliveryID: delivery.id, webhookID: webhook.id };
    return {
      action: 'deliver',
      attempt: delivery.attempts + 1,
      url: webhook.url,
      signingSecret: deriveSigningSecret(this.config.WEBHOOK_SECRET_KEY, webhook.id, webhook.signingSalt),
      body: JSON.stringify(payload),
    };
  }

  /**
   * Dispatcher: the outcome of an attempt. A delivered attempt's reply is posted in the same
   * transaction with the delivery id as idempotency key, so a job that runs twice posts it once.
   */
  async recordResult(deliveryId: string, result: DeliveryAttemptResult): Promise<DeliveryAttemptRecorded> {
    return this.db.transaction(async (em) => {
      const delivery = await this.webhooks.findDelivery(deliveryId, em, true);
      if (!delivery) throw new DomainError(ErrorCode.DeliveryNotFound, `Delivery ${deliveryId} not found`);
      if (delivery.status === 'delivered') return { status: delivery.status, replyMessageID: delivery.replyMessageId };
      delivery.attempts += 1;
      delivery.lastAttemptAt = new Date();
      delivery.lastStatusCode = result.statusCode ?? null;
      delivery.lastError = result.error ? result.error.slice(0, MAX_ERROR_LENGTH) : null;
      if (result.outcome === 'delivered') {
        delivery.status = 'delivered';
        delivery.completedAt = new Date();
        const reply = result.reply?.trim();
        if (reply) await this.postReply(em, delivery, reply.slice(0, MAX_MESSAGE_LENGTH));
      } else if (result.outcome === 'dead') {
        delivery.status = 'dead';
        delivery.completedAt = new Date();
      }
      await this.webhooks.saveDelivery(em, delivery);
      return { status: delivery.status, replyMessageID: delivery.replyMessageId };
    });
  }

  private async postReply(em: EntityManager, delivery: WebhookDeliveryEntity, reply: string): Promise<void> {
    const webhook = await this.webhooks.findLive(delivery.webhookId, em);
    if (!webhook) return;
    try {
      const { channel, bot } = await this.webhookService.speaker(em, webhook);
      const message = await this.messages.insertInTransaction(em, channel, bot, reply, {
        // A trigger inside a thread is answered in that thread (replyTo is the thread's root).
        replyTo: delivery.payload.message.replyTo,
        webhookId: webhook.id,
        displayName: webhook.username,
        avatarUrl: webhook.avatarUrl,
        idempotencyKey: `webhook-delivery:${delivery.id}`,
      });
      delivery.replyMessageId = message.id;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The delivery itself succeeded; a reply that can no longer be posted is noted, not retried.
      delivery.lastError = `reply not posted: ${error.message}`;
      this.logger.warn({ msg: 'webhook reply not posted', delivery: delivery.id, code: error.code });
    }
  }
}
