import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { Client } from 'pg';
import { MetricsRegistry } from '@switchboard/platform';
import type { AnyDomainEvent, DomainEvent, DomainEventType, EventAudience } from '@switchboard/contracts';
import { AttachmentRemovalService } from '../attachments/attachment-removal.service';
import { OutgoingWebhookEnqueuer } from '../webhooks/outgoing-webhook.enqueuer';
import { MessagingConfig } from '../messaging.config';
import { EventPublisher } from './event-publisher';
import { OutboxConsumerRegistry } from './outbox-consumer';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox.writer';

interface OutboxRow {
  id: string;
  organisation_id: string;
  event_id: string;
  type: DomainEventType;
  actor_id: string | null;
  audience: EventAudience;
  payload: unknown;
  created_at: Date;
}

// Any constant works; it only has to be the same in every replica.
const RELAY_LOCK_KEY = 727_001;

/**
 * Publishes committed outbox rows to Redis in commit order. One replica at a time holds a
 * PostgreSQL advisory lock and relays; the others wait to take over. Rows are marked published only
 * after Redis accepted them (and the outgoing webhook jobs they trigger), so a crash loses nothing, and EventPublisher's per-channel high-water
 * mark keeps the retry from publishing twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private client: Client | null = null;
  private leader = false;
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastCleanup = 0;

  private readonly published: Counter;
  private readonly lagSeconds: Histogram;

  constructor(
    private readonly config: MessagingConfig,
    private readonly publisher: EventPublisher,
    private readonly webhooks: OutgoingWebhookEnqueuer,
    private readonly attachmentRemovals: AttachmentRemovalService,
    registry: MetricsRegistry,
    private readonly consumers: OutboxConsumerRegistry,
  ) {
    const isLeader = () => this.leader;
    new Gauge({ name: 'outbox_relay_leader', help: '1 while this replica relays the outbox', registers: [registry], collect() { this.set(isLeader() ? 1 : 0); } });
    this.published = new Counter({ name: 'outbox_events_published_total', help: 'Outbox events published to Redis by this replica', registers: [registry] });
    this.lagSeconds = new Histogram({ name: 'outbox_relay_lag_seconds', help: 'From commit to publication', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30], registers: [registry] });
  }

  get isLeader(): boolean {
    return this.leader;
  }

  onApplicationBootstrap(): void {
    if (!this.config.OUTBOX_RELAY_ENABLED) {
      this.logger.warn('outbox relay disabled by OUTBOX_RELAY_ENABLED=false');
      return;
    }
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.disconnect();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.connect();
        if (!this.leader) this.leader = await this.tryLock();
        const published = this.leader ? await this.relayBatch() : 0;
        if (this.leader) await this.cleanup();
        if (published < this.config.OUTBOX_BATCH_SIZE) await this.sleep(this.config.OUTBOX_POLL_INTERVAL_MS);
      } catch (error) {
        this.logger.error({ msg: 'outbox relay failed, reconnecting', err: error instanceof Error ? error.message : String(error) });
        await this.disconnect();
        await this.sleep(1000);
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.client) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'switchboard-outbox-relay' });
    client.on('error', () => void this.disconnect());
    client.on('notification', () => this.wake?.());
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
    this.client = client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leader = false;
    if (client) await client.end().catch(() => undefined);
  }

  private async tryLock(): Promise<boolean> {
    const { rows } = await this.client!.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
    if (!rows[0].locked) return false;
    const { rows: state } = await this.client!.query<{ newest: string; database: string }>(
      `SELECT (SELECT coalesce(max(id), 0)::text FROM outbox_events) AS newest,
              current_database() || '.' || (SELECT system_identifier::text FROM pg_control_system()) AS database`,
    );
    const client = this.client!;
    const epoch = await this.publisher.startEpoch(state[0].database, state[0].newest, async () => (await client.query<{ id: string }>('SELECT id::text FROM organisations')).rows.map((row) => row.id));
    this.logger.log({ msg: 'outbox relay leadership acquired', epoch });
    return true;
  }

  private async relayBatch(): Promise<number> {
    const { rows } = await this.client!.query<OutboxRow>(
      `SELECT id::text, organisation_id::text, event_id::text, type, actor_id::text, audience, payload, created_at
         FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [this.config.OUTBOX_BATCH_SIZE],
    );
    if (rows.length === 0) return 0;
    // One Redis connection keeps command order, so publishing the batch concurrently stays in order.
    await Promise.all(rows.map((row) => this.publisher.publish(row.id, toEvent(row))));
    // Jobs (outgoing webhooks, attachment removals) are added before the rows are marked: a crash re-adds them under the same jobIds.
    const created = rows.filter((row) => row.type === 'message.created').map((row) => toEvent(row) as DomainEvent<'message.created'>);
    await this.webhooks.enqueue(this.client!, created);
    await this.attachmentRemovals.enqueueForMessages(deletedAttachmentMessages(rows));
    for (const consumer of this.consumers.all()) await consumer.consume(rows.map(toEvent));
    await this.client!.query('UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
    await this.publisher.recordHighWater(rows[rows.length - 1].id);
    this.published.inc(rows.length);
    for (const row of rows) this.lagSeconds.observe(Math.max(0, Date.now() - row.created_at.getTime()) / 1000);
    return rows.length;
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.client!.query(`DELETE FROM outbox_events WHERE published_at < now() - make_interval(hours => $1)`, [this.config.OUTBOX_RETENTION_HOURS]);
    await this.client!.query(`DELETE FROM webhook_deliveries WHERE completed_at < now() - make_interval(days => $1)`, [this.config.WEBHOOK_DELIVERY_RETENTION_DAYS]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function deletedAttachmentMessages(rows: OutboxRow[]): string[] {
  return rows
    .filter((row) => row.type === 'message.deleted')
    .map((row) => (toEvent(row) as DomainEvent<'message.deleted'>).payload.message)
    .filter((message) => message.type === 'attachment')
    .map((message) => message.messageID);
}

function toEvent(row: OutboxRow): AnyDomainEvent {
  return {
    organisationId: row.organisation_id,
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.created_at.toISOString(),
    actorId: row.actor_id,
    audience: row.audience,
    payload: row.payload,
  } as AnyDomainEvent;
}
