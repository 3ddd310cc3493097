import type { DataSource } from 'typeorm';
import {
  type AnyDomainEvent,
  type DomainEvent,
  type StoredWebhookPayload,
  cortezaIds,
  deliveryJobId,
} from '@switchboard/contracts';
import type { OutboxConsumer, OutboxConsumerRegistry } from '../outbox/outbox-consumer';
import { deliveryJob, documentedParts } from './delivery-job';
import { matchesTrigger } from './trigger-match';
import type { DeliveryJobSpec, WebhookJobQueue } from './webhook-job.queue';

interface OutgoingWebhookRow {
  id: string;
  channel_id: string;
  trigger: string | null;
  url: string;
  signing_salt: string;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  organisation_id: string;
  status: string;
  manual_retries: number;
  payload: StoredWebhookPayload;
}

export const MESSAGE_DELETED_REASON = 'the message was deleted';
export const WEBHOOK_GONE_REASON = 'the webhook was deleted or is no longer outgoing';
// A webhook with more pending deliveries than this gets the rest refreshed by its next update.
const REFRESH_LIMIT = 10_000;

/**
 * The outbox consumer of outgoing webhooks. For committed `message.created` events it records one
 * delivery per (message, matching webhook) — UNIQUE (webhook_id, message_id) makes a re-relayed row
 * find its delivery again — and adds one job per delivery with jobId `delivery-<id>`, which BullMQ
 * ignores when it already has it: each committed message is enqueued once, however often a batch
 * is replayed. The job carries everything the dispatcher sends, so what changes after the enqueue
 * is applied here too: a deleted message or webhook ends its pending deliveries (and removes their
 * queued jobs), a changed URL or rotated secret is written into them.
 */
export class OutgoingWebhookEnqueuer implements OutboxConsumer {
  readonly name = 'outgoing-webhooks';
  /**
   * The outgoing webhooks of each channel seen lately (none is an answer too). Exact at every point
   * of the stream: webhook changes are events of the same stream, and forget their channels here
   * before any later message is enqueued. So a busy channel without webhooks costs no statement.
   */
  private readonly byChannel = new Map<string, OutgoingWebhookRow[]>();

  constructor(
    registry: OutboxConsumerRegistry,
    private readonly db: DataSource,
    private readonly queue: WebhookJobQueue,
  ) {
    registry.register(this);
  }

  async onLeadership(): Promise<void> {
    this.byChannel.clear(); // events relayed by another leader meanwhile were not seen here
  }

  async consume(events: readonly AnyDomainEvent[]): Promise<void> {
    const created: DomainEvent<'message.created'>[] = [];
    for (const event of events) {
      if (event.type === 'message.created') {
        created.push(event as DomainEvent<'message.created'>);
        continue;
      }
      if (event.type === 'webhook.created' || event.type === 'webhook.updated' || event.type === 'webhook.deleted') {
        await this.enqueue(created.splice(0));
        this.byChannel.delete(event.payload.webhook.channelId);
        if (event.type === 'webhook.updated') this.byChannel.delete(event.payload.previous.channelId);
      }
      // Applied in commit order: a message created and deleted in one batch is enqueued, then ended.
      await this.enqueue(created.splice(0));
      if (event.type === 'message.deleted') await this.messageDeleted(event as DomainEvent<'message.deleted'>);
      else if (event.type === 'webhook.updated' || event.type === 'webhook.deleted')
        await this.webhookChanged((event as DomainEvent<'webhook.updated'>).payload.webhook.webhookId);
    }
    await this.enqueue(created);
  }

  /** Two statements per batch, whatever its size: the matching webhooks, and one upsert of every delivery. */
  async enqueue(events: DomainEvent<'message.created'>[]): Promise<number> {
    // Bots never trigger outgoing webhooks: a webhook's own reply (or another integration's) would loop.
    const candidates = events.filter((event) => event.payload.author.kind !== 'bot');
    if (candidates.length === 0) return 0;
    const channelIds = [...new Set(candidates.map((event) => event.payload.channel.channelId))];
    const webhooks = await this.webhooksOf(channelIds);
    if (webhooks.length === 0) return 0;
    const rows: { webhookId: string; organisationId: string; messageId: string; payload: string }[] = [];
    for (const event of candidates) {
      const { message, channel } = event.payload;
      for (const webhook of webhooks) {
        if (webhook.channel_id !== channel.channelId || !matchesTrigger(message.message, webhook.trigger)) continue;
        rows.push({
          webhookId: webhook.id,
          organisationId: event.organisationId,
          messageId: message.messageId,
          payload: JSON.stringify(storedPayload(event, webhook.trigger)),
        });
      }
    }
    if (rows.length === 0) return 0;
    const deliveries = (await this.db.query(
      `INSERT INTO webhook_deliveries (webhook_id, organisation_id, message_id, payload, status)
       SELECT w, o, m, p, 'pending' FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::jsonb[]) AS t(w, o, m, p)
       ON CONFLICT (webhook_id, message_id) DO UPDATE SET webhook_id = EXCLUDED.webhook_id
       RETURNING id::text, webhook_id::text, organisation_id::text, status, manual_retries, payload`,
      [
        rows.map((row) => row.webhookId),
        rows.map((row) => row.organisationId),
        rows.map((row) => row.messageId),
        rows.map((row) => row.payload),
      ],
    )) as DeliveryRow[];
    const byId = new Map(webhooks.map((webhook) => [webhook.id, webhook]));
    const jobs = deliveries
      .filter((row) => row.status === 'pending')
      .map((row) => jobOf(row, byId.get(row.webhook_id)!));
    await this.queue.add(jobs);
    return jobs.length;
  }

  private async webhooksOf(channelIds: string[]): Promise<OutgoingWebhookRow[]> {
    const missing = channelIds.filter((channelId) => !this.byChannel.has(channelId));
    if (missing.length > 0) {
      const rows = (await this.db.query(
        `SELECT id::text, channel_id::text, trigger, url, signing_salt FROM webhooks
          WHERE kind = 'outgoing' AND deleted_at IS NULL AND url IS NOT NULL AND channel_id = ANY($1::bigint[])`,
        [missing],
      )) as OutgoingWebhookRow[];
      if (this.byChannel.size > 50_000) this.byChannel.clear();
      for (const channelId of missing) this.byChannel.set(channelId, []);
      for (const row of rows) this.byChannel.get(row.channel_id)!.push(row);
    }
    return channelIds.flatMap((channelId) => this.byChannel.get(channelId) ?? []);
  }

  /**
   * Jobs again for deliveries still pending after `seconds`: a job lost with Redis (restarted empty,
   * failed over without persistence) would otherwise leave its delivery pending for ever. The jobId
   * makes the add a no-op while the job is still there (waiting, delayed for a retry, running).
   */
  async requeuePending(seconds: number, limit = 1000): Promise<number> {
    const rows = (await this.db.query(
      `SELECT d.id::text, d.webhook_id::text, d.organisation_id::text, d.status, d.manual_retries, d.payload,
              w.channel_id::text AS channel_id, w.trigger, w.url, w.signing_salt
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.status = 'pending' AND d.created_at < now() - make_interval(secs => $1)
          AND w.kind = 'outgoing' AND w.deleted_at IS NULL AND w.url IS NOT NULL
        ORDER BY d.created_at LIMIT $2`,
      [seconds, limit],
    )) as (DeliveryRow & Omit<OutgoingWebhookRow, 'id'>)[];
    await this.queue.add(
      rows.map((row) =>
        jobOf(row, {
          id: row.webhook_id,
          channel_id: row.channel_id,
          trigger: row.trigger,
          url: row.url,
          signing_salt: row.signing_salt,
        }),
      ),
    );
    return rows.length;
  }

  /** The text of a deleted message must not leave afterwards. */
  private async messageDeleted(event: DomainEvent<'message.deleted'>): Promise<void> {
    await this.end(
      `message_id = $2 AND webhook_id IN (SELECT id FROM webhooks WHERE kind = 'outgoing' AND channel_id = $3)`,
      [event.payload.message.messageId, event.payload.channel.channelId],
      MESSAGE_DELETED_REASON,
    );
  }

  /** Deleted, no longer outgoing: its pending deliveries end. Otherwise its URL or salt may have changed: the jobs get them. */
  private async webhookChanged(webhookId: string): Promise<void> {
    const [webhook] = (await this.db.query(
      `SELECT id::text, channel_id::text, trigger, url, signing_salt FROM webhooks WHERE id = $1 AND kind = 'outgoing' AND deleted_at IS NULL AND url IS NOT NULL`,
      [webhookId],
    )) as OutgoingWebhookRow[];
    if (!webhook) return this.end('webhook_id = $2', [webhookId], WEBHOOK_GONE_REASON);
    const pending = (await this.db.query(
      `SELECT id::text, webhook_id::text, organisation_id::text, status, manual_retries, payload FROM webhook_deliveries WHERE webhook_id = $1 AND status = 'pending' LIMIT ${REFRESH_LIMIT}`,
      [webhookId],
    )) as DeliveryRow[];
    await this.queue.refresh(pending.map((row) => jobOf(row, webhook)));
  }

  private async end(where: string, params: unknown[], reason: string): Promise<void> {
    const [ended] = (await this.db.query(
      `UPDATE webhook_deliveries SET status = 'dead', last_error = $1, completed_at = now() WHERE ${where} AND status = 'pending' RETURNING id::text, manual_retries`,
      [reason, ...params],
    )) as [{ id: string; manual_retries: number }[], number];
    await this.queue.remove(ended.map((row) => deliveryJobId(row.id, row.manual_retries)));
  }
}

function jobOf(row: DeliveryRow, webhook: OutgoingWebhookRow): DeliveryJobSpec {
  return deliveryJob({
    deliveryId: row.id,
    manualRetries: row.manual_retries,
    organisationId: row.organisation_id,
    payload: row.payload,
    webhook: { id: webhook.id, url: webhook.url, signingSalt: webhook.signing_salt },
  });
}

/** No e-mail addresses or other private fields leave the organisation; ids as the payload spells them (`…ID`). */
function storedPayload(event: DomainEvent<'message.created'>, trigger: string | null): StoredWebhookPayload {
  const { message, channel, author } = event.payload;
  return {
    type: 'message.created',
    organisationID: event.organisationId,
    trigger,
    ...documentedParts(cortezaIds({ message, channel, author })),
  };
}
