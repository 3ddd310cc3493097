import type { DataSource } from 'typeorm';
import { type AnyDomainEvent, type DomainEvent, type StoredWebhookPayload, deliveryJobId } from '@switchboard/contracts';
import type { OutboxConsumer, OutboxConsumerRegistry } from '../outbox/outbox-consumer';
import { matchesTrigger } from './trigger-match';
import type { DeliveryJobSpec, WebhookJobQueue } from './webhook-job.queue';

interface OutgoingWebhookRow {
  id: string;
  channel_id: string;
  trigger: string | null;
}

/**
 * An outbox consumer: for each batch of message.created events, before the relay's cursor passes them, it records one delivery per (message, matching outgoing webhook) — the UNIQUE
 * (webhook_id, message_id) makes a re-relayed row find its delivery again — and adds one job per
 * delivery with jobId `delivery-<id>`, which BullMQ ignores when it already has it. A crash anywhere
 * in between re-runs the batch with the same result: each committed message is enqueued once.
 */
export class OutgoingWebhookEnqueuer implements OutboxConsumer {
  readonly name = 'outgoing-webhooks';

  constructor(
    private readonly queue: WebhookJobQueue,
    private readonly db: DataSource,
    consumers: OutboxConsumerRegistry,
  ) {
    consumers.register(this);
  }

  async consume(events: readonly AnyDomainEvent[]): Promise<void> {
    await this.enqueue(events.filter((event): event is DomainEvent<'message.created'> => event.type === 'message.created'));
  }

  async enqueue(events: DomainEvent<'message.created'>[]): Promise<number> {
    // Bots never trigger outgoing webhooks: a webhook's own reply (or another integration's) would loop.
    const candidates = events.filter((event) => event.payload.author.kind !== 'bot');
    if (candidates.length === 0) return 0;
    const channelIds = [...new Set(candidates.map((event) => event.payload.channel.channelID))];
    const webhooks = (await this.db.query(
      `SELECT id::text, channel_id::text, trigger FROM webhooks WHERE kind = 'outgoing' AND deleted_at IS NULL AND channel_id = ANY($1::bigint[])`,
      [channelIds],
    )) as OutgoingWebhookRow[];
    if (webhooks.length === 0) return 0;
    const jobs: DeliveryJobSpec[] = [];
    for (const event of candidates) {
      const { message, channel } = event.payload;
      for (const webhook of webhooks) {
        if (webhook.channel_id !== channel.channelID || !matchesTrigger(message.message, webhook.trigger)) continue;
        const rows = (await this.db.query(
          `INSERT INTO webhook_deliveries (webhook_id, organisation_id, message_id, payload, status) VALUES ($1, $2, $3, $4::jsonb, 'pending')
           ON CONFLICT (webhook_id, message_id) DO UPDATE SET webhook_id = EXCLUDED.webhook_id RETURNING id::text`,
          [webhook.id, event.organisationId, message.messageID, JSON.stringify(storedPayload(event, webhook.trigger))],
        )) as { id: string }[];
        jobs.push({ jobId: deliveryJobId(rows[0].id), deliveryId: rows[0].id, webhookId: webhook.id, organisationId: event.organisationId });
      }
    }
    await this.queue.add(jobs);
    return jobs.length;
  }
}

/** No e-mail addresses or other private fields leave the organisation. */
function storedPayload(event: DomainEvent<'message.created'>, trigger: string | null): StoredWebhookPayload {
  const { message, channel, author } = event.payload;
  return {
    type: 'message.created',
    organisationID: event.organisationId,
    trigger,
    message: { messageID: message.messageID, message: message.message, userID: message.userID, replyTo: message.replyTo, ts: message.ts, createdAt: message.createdAt },
    channel: { channelID: channel.channelID, name: channel.name, type: channel.type },
    author: { userID: author.userID, handle: author.handle, name: author.name, kind: author.kind },
  };
}
