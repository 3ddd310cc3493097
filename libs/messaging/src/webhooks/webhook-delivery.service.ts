import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type DeliveryAttemptRecorded,
  type DeliveryOutcomeReport,
  type DeliveryPage,
  type DeliveryStatus,
  DomainError,
  ErrorCode,
  type ListDeliveriesQuery,
  MAX_MESSAGE_LENGTH,
  type StoredWebhookPayload,
  type WebhookDeliveryView,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { MessageService } from '../messages/message.service';
import { deliveryJob } from './delivery-job';
import { WebhookJobQueue } from './webhook-job.queue';
import { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';
import { toDeliveryView } from './webhook-views';

const MAX_ERROR_LENGTH = 500;
const DEFAULT_PAGE = 50;

/**
 * Outgoing deliveries: listed and retried by hand by the webhook's managers; their attempts'
 * outcomes are recorded in batches for the dispatcher, which has no database.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly webhooks: WebhookRepository,
    private readonly webhookService: WebhookService,
    private readonly messages: MessageService,
    private readonly queue: WebhookJobQueue,
  ) {}

  async list(actor: UserEntity, webhookId: string, query: ListDeliveriesQuery): Promise<DeliveryPage> {
    await this.webhookService.get(actor, webhookId);
    const page = await this.webhooks.listDeliveries(webhookId, query.status, {
      limit: query.limit ?? DEFAULT_PAGE,
      beforeId: query.beforeDeliveryID,
      afterId: query.afterDeliveryID,
    });
    return { deliveries: page.rows.map(toDeliveryView), hasMore: page.hasMore };
  }

  /** A dead delivery goes back to pending with a fresh set of attempts. */
  async retry(actor: UserEntity, webhookId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    await this.webhookService.get(actor, webhookId);
    const webhook = await this.webhooks.findLive(webhookId);
    if (!webhook?.url || webhook.kind !== 'outgoing')
      throw new DomainError(ErrorCode.Conflict, 'Only deliveries of a live outgoing webhook can be retried');
    const target = { id: webhook.id, url: webhook.url, signingSalt: webhook.signingSalt };
    const delivery = await this.db.transaction(async (em) => {
      const found = await this.webhooks.findDelivery(deliveryId, em, true);
      if (!found || found.webhookId !== webhookId)
        throw new DomainError(ErrorCode.DeliveryNotFound, `Delivery ${deliveryId} not found`);
      if (found.status !== 'dead')
        throw new DomainError(ErrorCode.Conflict, `Only dead deliveries can be retried; this one is ${found.status}`);
      Object.assign(found, { status: 'pending', manualRetries: found.manualRetries + 1, completedAt: null });
      return this.webhooks.saveDelivery(em, found);
    });
    try {
      await this.queue.add([
        deliveryJob({
          deliveryId: delivery.id,
          manualRetries: delivery.manualRetries,
          organisationId: delivery.organisationId,
          payload: delivery.payload,
          webhook: target,
        }),
      ]);
    } catch {
      await this.db.query(
        `UPDATE webhook_deliveries SET status = 'dead', last_error = 'the retry could not be queued' WHERE id = $1`,
        [delivery.id],
      );
      throw new DomainError(ErrorCode.Unavailable, 'The retry could not be queued; try again');
    }
    return toDeliveryView(delivery);
  }

  /**
   * Dispatcher: a batch of attempt outcomes, in one transaction and one UPDATE for all of them.
   * Only pending deliveries move (a finished one — delivered by an earlier run of the same job, or
   * ended because its message or webhook was deleted — keeps its state), and a delivered attempt's
   * reply is posted in the transaction that moved its delivery to delivered, with the delivery id as
   * idempotency key: a job that runs twice, or a batch replayed, posts it once.
   */
  async recordOutcomes(reports: DeliveryOutcomeReport[]): Promise<DeliveryAttemptRecorded[]> {
    const input = firstPerDelivery(reports);
    return this.db.transaction(async (em) => {
      const rows = (await em.query(
        `WITH input AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[]) AS t(id, outcome, status_code, error)),
         moved AS (
           UPDATE webhook_deliveries d
              SET attempts = d.attempts + 1, last_attempt_at = now(), last_status_code = i.status_code, last_error = i.error,
                  status = CASE WHEN i.outcome = 'retry' THEN 'pending' ELSE i.outcome END,
                  completed_at = CASE WHEN i.outcome = 'retry' THEN NULL ELSE now() END
             FROM input i WHERE d.id = i.id AND d.status = 'pending'
           RETURNING d.id, d.status, d.webhook_id, d.payload)
         SELECT i.id::text, coalesce(m.status, d.status) AS status, m.id IS NOT NULL AS moved,
                d.reply_message_id::text, m.webhook_id::text, m.payload
           FROM input i LEFT JOIN moved m ON m.id = i.id LEFT JOIN webhook_deliveries d ON d.id = i.id`,
        [
          input.map((r) => r.deliveryId),
          input.map((r) => r.outcome),
          input.map((r) => r.statusCode ?? null),
          input.map((r) => (r.error ? r.error.slice(0, MAX_ERROR_LENGTH) : null)),
        ],
      )) as RecordedRow[];
      const byId = new Map(input.map((report) => [report.deliveryId, report]));
      const recorded = new Map<string, DeliveryAttemptRecorded>();
      const replies: { id: string; replyId: string | null; error: string | null }[] = [];
      for (const row of rows) {
        // A delivery removed meanwhile (retention) counts as finished: its job ends.
        recorded.set(row.id, {
          deliveryId: row.id,
          status: row.status ?? 'dead',
          replyMessageId: row.reply_message_id,
        });
        const reply = byId.get(row.id)?.reply?.trim();
        if (!row.moved || row.status !== 'delivered' || !reply) continue;
        const posted = await this.postReply(
          em,
          { id: row.id, webhookId: row.webhook_id!, replyTo: row.payload!.message.replyTo },
          reply.slice(0, MAX_MESSAGE_LENGTH),
        );
        replies.push({ id: row.id, ...posted });
        recorded.get(row.id)!.replyMessageId = posted.replyId;
      }
      if (replies.length > 0) {
        await em.query(
          `UPDATE webhook_deliveries d SET reply_message_id = r.reply_id, last_error = coalesce(r.error, d.last_error)
             FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS r(id, reply_id, error) WHERE d.id = r.id`,
          [replies.map((r) => r.id), replies.map((r) => r.replyId), replies.map((r) => r.error)],
        );
      }
      return reports.map(
        (report) =>
          recorded.get(report.deliveryId) ?? { deliveryId: report.deliveryId, status: 'dead', replyMessageId: null },
      );
    });
  }

  private async postReply(
    em: EntityManager,
    delivery: { id: string; webhookId: string; replyTo: string | null },
    reply: string,
  ): Promise<{ replyId: string | null; error: string | null }> {
    const webhook = await this.webhooks.findLive(delivery.webhookId, em);
    if (!webhook) return { replyId: null, error: 'reply not posted: the webhook was deleted' };
    try {
      const { channel, bot } = await this.webhookService.speaker(em, webhook);
      const message = await this.messages.insertInTransaction(em, channel, bot, reply, {
        // A trigger inside a thread is answered in that thread (replyTo is the thread's root).
        replyTo: delivery.replyTo,
        webhookId: webhook.id,
        displayName: webhook.username,
        avatarUrl: webhook.avatarUrl,
        idempotencyKey: `webhook-delivery:${delivery.id}`,
      });
      return { replyId: message.id, error: null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The delivery itself succeeded; a reply that can no longer be posted is noted, not retried.
      this.logger.warn({ msg: 'webhook reply not posted', delivery: delivery.id, code: error.code });
      return { replyId: null, error: `reply not posted: ${error.message}` };
    }
  }
}

interface RecordedRow {
  id: string;
  status: DeliveryStatus | null;
  moved: boolean;
  reply_message_id: string | null;
  webhook_id: string | null;
  payload: StoredWebhookPayload | null;
}

/** A delivery reported twice in one batch (two runs of its job) is recorded once; both get its state. */
export function firstPerDelivery(reports: DeliveryOutcomeReport[]): DeliveryOutcomeReport[] {
  const seen = new Set<string>();
  return reports.filter((report) => !seen.has(report.deliveryId) && seen.add(report.deliveryId) !== undefined);
}
