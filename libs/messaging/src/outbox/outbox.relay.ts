import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { Client } from 'pg';
import { MetricsRegistry, counterOn, gaugeOn, histogramOn } from '@switchboard/platform';
import { MessagingConfig } from '../messaging.config';
import { OutboxConsumerRegistry } from './outbox-consumer';
import { OutboxCursorStore, toDomainEvent } from './outbox-cursor.store';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox.writer';

// Any constant works; it only has to be the same in every replica.
const RELAY_LOCK_KEY = 727_001;
const CLEANUP_EVERY_MS = 60_000;
/** Cursors are saved at most this often while busy (and always before going idle): a crash replays at most this much. */
const SAVE_CURSORS_EVERY_MS = 250;

/**
 * Hands committed outbox rows to the registered consumers (the Redis publisher, job enqueuers) in
 * commit order per organisation, and then moves the organisations' cursors past them. It owns only
 * leadership (one replica holds a PostgreSQL advisory lock; the others wait to take over),
 * wake-up (NOTIFY names the organisation that committed), batching and the cursors. A crash between
 * consuming and saving the cursor hands the same batch over again; consumers are idempotent.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private client: Client | null = null;
  private store: OutboxCursorStore | null = null;
  private leader = false;
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastCleanup = 0;
  /** Organisations named by NOTIFY since the last read; 'all' after a timeout or a reconnect. */
  private pending: Set<string> | 'all' = 'all';
  /** Consumed but not yet saved: the organisations' newest relayed event ids. */
  private unsaved = new Map<string, string>();
  private lastSave = 0;
  private stopping: Promise<void> | null = null;

  private readonly published: Counter;
  private readonly batches: Counter;
  private readonly lagSeconds: Histogram;

  constructor(
    private readonly config: MessagingConfig,
    private readonly consumers: OutboxConsumerRegistry,
    registry: MetricsRegistry,
  ) {
    gaugeOn(registry, 'outbox_relay_leader', '1 while this replica relays the outbox', () => (this.leader ? 1 : 0));
    this.published = counterOn(
      registry,
      'outbox_events_published_total',
      'Outbox events handed to every consumer by this replica',
    );
    this.batches = counterOn(registry, 'outbox_relay_batches_total', 'Outbox batches relayed by this replica');
    this.lagSeconds = histogramOn(
      registry,
      'outbox_relay_lag_seconds',
      'From commit to publication',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30],
    );
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

  /**
   * Stops relaying and saves the cursors. MessagingServiceModule calls it before any module shuts
   * down, so the consumers' connections are still open for the last batch; later calls wait for the first.
   */
  stop(): Promise<void> {
    this.stopping ??= this.finish();
    return this.stopping;
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async finish(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.leader) await this.saveCursors(true).catch(() => undefined);
    await this.disconnect();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.connect();
        if (!this.leader) this.leader = await this.tryLead();
        const relayed = this.leader ? await this.relayBatch() : 0;
        const idle = relayed < this.config.OUTBOX_BATCH_SIZE && this.nothingPending();
        if (this.leader) await this.saveCursors(idle);
        if (this.leader) await this.cleanup();
        if (idle) await this.sleep(this.config.OUTBOX_POLL_INTERVAL_MS);
      } catch (error) {
        this.logger.error({
          msg: 'outbox relay failed, reconnecting',
          err: error instanceof Error ? error.message : String(error),
        });
        await this.disconnect();
        await this.sleep(1000);
      }
    }
  }

  private nothingPending(): boolean {
    return this.pending !== 'all' && this.pending.size === 0;
  }

  private async connect(): Promise<void> {
    if (this.client) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'switchboard-outbox-relay',
    });
    client.on('error', () => void this.disconnect());
    client.on('notification', (note) => {
      if (this.pending !== 'all' && note.payload) this.pending.add(note.payload);
      this.wake?.();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
    this.client = client;
    this.store = new OutboxCursorStore(client);
    this.pending = 'all';
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.store = null;
    this.leader = false;
    this.unsaved.clear(); // the next leader replays from the saved cursors; consumers are idempotent
    if (client) await client.end().catch(() => undefined);
  }

  private async tryLead(): Promise<boolean> {
    const { rows } = await this.client!.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      RELAY_LOCK_KEY,
    ]);
    if (!rows[0].locked) return false;
    const store = this.store!;
    const { newest, database } = await store.identity();
    for (const consumer of this.consumers.all())
      await consumer.onLeadership?.({
        database,
        newestPosition: newest,
        organisationIds: () => store.organisationIds(),
      });
    this.pending = 'all';
    this.logger.log({
      msg: 'outbox relay leadership acquired',
      consumers: this.consumers.all().map((consumer) => consumer.name),
    });
    return true;
  }

  private async relayBatch(): Promise<number> {
    // Swap the set before reading: a NOTIFY that arrives during the read is kept for the next round.
    const organisations = this.pending === 'all' ? 'all' : [...this.pending];
    this.pending = new Set();
    const rows = await this.store!.readAfterCursors(organisations, this.unsaved, this.config.OUTBOX_BATCH_SIZE);
    if (rows.length === 0) return 0;
    const events = rows.map(toDomainEvent);
    const batch = { positions: rows.map((row) => row.id) };
    for (const consumer of this.consumers.all()) await consumer.consume(events, batch);
    for (const row of rows) this.unsaved.set(row.organisation_id, row.event_id); // rows are in event order per organisation
    // A full batch may have left more behind in the same organisations.
    const pending = this.pending as Set<string> | 'all';
    if (rows.length === this.config.OUTBOX_BATCH_SIZE && pending !== 'all')
      for (const row of rows) pending.add(row.organisation_id);
    this.batches.inc();
    this.published.inc(rows.length);
    const now = Date.now();
    for (const row of rows) this.lagSeconds.observe(Math.max(0, now - row.created_at.getTime()) / 1000);
    return rows.length;
  }

  private async saveCursors(force: boolean): Promise<void> {
    if (this.unsaved.size === 0 || (!force && Date.now() - this.lastSave < SAVE_CURSORS_EVERY_MS)) return;
    const cursors = this.unsaved;
    this.unsaved = new Map();
    await this.store!.saveCursors(cursors);
    this.lastSave = Date.now();
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    await this.store!.deletePublishedBefore(new Date(Date.now() - this.config.OUTBOX_RETENTION_HOURS * 3_600_000));
  }

  /** Waits for a NOTIFY or the poll interval; a timeout rereads every organisation (a lost NOTIFY costs one interval). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = 'all';
        done();
      }, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
