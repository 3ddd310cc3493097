import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { Client } from 'pg';
import { MetricsRegistry, counterOn, gaugeOn, histogramOn } from '@switchboard/platform';
import { MessagingConfig } from '../messaging.config';
import { OutboxConsumerRegistry } from './outbox-consumer';
import { OutboxCursorStore, type OutboxRow, toDomainEvent } from './outbox-cursor.store';
import { OutboxHandoff } from './outbox-handoff';
import { takeContiguous } from './handed-rows';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox.writer';

// Any constant works; it only has to be the same in every replica.
const RELAY_LOCK_KEY = 727_001;
const CLEANUP_EVERY_MS = 60_000;
/** Cursors are saved at most this often, and this long after a batch at the latest: a crash replays about this much. */
const SAVE_CURSORS_EVERY_MS = 250;
/** The newest relayed event id of this many organisations is remembered for hand-overs; beyond, they are read. */
const MAX_REMEMBERED_ORGANISATIONS = 100_000;
/** Handed-over rows held for a relay that is behind, in batches; beyond, their organisations are read instead. */
const MAX_HANDED_BATCHES = 10;

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
  /** Each organisation's newest event id relayed since this replica took the lead. */
  private readonly lastRelayed = new Map<string, string>();
  /** Rows local writers committed and handed over, not relayed yet. */
  private handed: OutboxRow[] = [];
  private lastSave = 0;
  private stopping: Promise<void> | null = null;

  private readonly published: Counter;
  private readonly handedOver: Counter;
  private readonly handOversRefused: Counter;
  private readonly batches: Counter;
  private readonly lagSeconds: Histogram;

  constructor(
    private readonly config: MessagingConfig,
    private readonly consumers: OutboxConsumerRegistry,
    private readonly handoff: OutboxHandoff,
    registry: MetricsRegistry,
  ) {
    gaugeOn(registry, 'outbox_relay_leader', '1 while this replica relays the outbox', () => (this.leader ? 1 : 0));
    this.published = counterOn(
      registry,
      'outbox_events_published_total',
      'Outbox events handed to every consumer by this replica',
    );
    this.handedOver = counterOn(
      registry,
      'outbox_events_handed_over_total',
      'Outbox events a writer of this replica handed to its relay, published without a read',
    );
    this.handOversRefused = counterOn(
      registry,
      'outbox_hand_overs_refused_total',
      'Hand-overs this replica refused because its relay was behind (their organisations were read instead)',
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
        if (this.leader) await this.relayHanded();
        const relayed = this.leader ? await this.relayBatch() : 0;
        const idle = relayed < this.config.OUTBOX_BATCH_SIZE && this.nothingPending() && this.handed.length === 0;
        if (this.leader) await this.saveCursors(false);
        if (this.leader) await this.cleanup();
        if (idle) await this.sleep(this.config.OUTBOX_POLL_INTERVAL_MS, this.saveDueInMs());
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
    this.handoff.detach();
    this.handed = [];
    this.lastRelayed.clear();
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
    // Attached after the take-over read is planned: a row handed over from now on is either
    // contiguous with what that read relays, or read again.
    this.handoff.attach((rows) => {
      if (this.handed.length < MAX_HANDED_BATCHES * this.config.OUTBOX_BATCH_SIZE) this.handed.push(...rows);
      else {
        this.handOversRefused.inc();
        if (this.pending !== 'all') this.pending.add(rows[0].organisation_id); // the database holds them
      }
      this.wake?.();
    });
    this.logger.log({
      msg: 'outbox relay leadership acquired',
      consumers: this.consumers.all().map((consumer) => consumer.name),
    });
    return true;
  }

  /** Publishes what local writers handed over where it continues the relayed stream; the rest is read. */
  private async relayHanded(): Promise<void> {
    if (this.handed.length === 0) return;
    const { ready, toRead } = takeContiguous(this.handed.splice(0, this.config.OUTBOX_BATCH_SIZE), this.lastRelayed);
    if (toRead.size > 0 && this.pending !== 'all') for (const org of toRead) this.pending.add(org);
    if (ready.length === 0) return;
    await this.hand(ready);
    this.handedOver.inc(ready.length);
  }

  private async relayBatch(): Promise<number> {
    // Swap the set before reading: a NOTIFY that arrives during the read is kept for the next round.
    const organisations = this.pending === 'all' ? 'all' : [...this.pending];
    this.pending = new Set();
    const rows = await this.store!.readAfterCursors(organisations, this.unsaved, this.config.OUTBOX_BATCH_SIZE);
    if (rows.length === 0) return 0;
    await this.hand(rows);
    // A full batch may have left more behind in the same organisations.
    const pending = this.pending as Set<string> | 'all';
    if (rows.length === this.config.OUTBOX_BATCH_SIZE && pending !== 'all')
      for (const row of rows) pending.add(row.organisation_id);
    return rows.length;
  }

  /** Hands a batch to every consumer, then counts it as relayed (rows in event order per organisation). */
  private async hand(rows: OutboxRow[]): Promise<void> {
    const events = rows.map(toDomainEvent);
    const batch = { positions: rows.map((row) => row.id) };
    for (const consumer of this.consumers.all()) await consumer.consume(events, batch);
    if (this.lastRelayed.size > MAX_REMEMBERED_ORGANISATIONS) this.lastRelayed.clear();
    for (const row of rows) {
      this.unsaved.set(row.organisation_id, row.event_id);
      this.lastRelayed.set(row.organisation_id, row.event_id);
    }
    this.batches.inc();
    this.published.inc(rows.length);
    const now = Date.now();
    for (const row of rows) this.lagSeconds.observe(Math.max(0, now - row.created_at.getTime()) / 1000);
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

  /** How long until unsaved cursors are due to be saved, or null when all are saved. */
  private saveDueInMs(): number | null {
    return this.unsaved.size === 0 ? null : Math.max(0, this.lastSave + SAVE_CURSORS_EVERY_MS - Date.now());
  }

  /**
   * Waits for a NOTIFY, a hand-over, the cursors' save or the poll interval; the poll's timeout
   * rereads every organisation (a lost NOTIFY or hand-over costs one interval).
   */
  private sleep(ms: number, saveInMs: number | null = null): Promise<void> {
    return new Promise((resolve) => {
      const poll = setTimeout(() => {
        this.pending = 'all';
        done();
      }, ms);
      const save = saveInMs === null || saveInMs >= ms ? null : setTimeout(done, saveInMs);
      function done() {
        clearTimeout(poll);
        if (save) clearTimeout(save);
        resolve();
      }
      this.wake = done;
    });
  }
}
