import { Logger } from '@nestjs/common';
import { APP_STREAM_GROUP, appRetriesKey, appStreamKey } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import type { AppConnection } from './app-connection';
import { eventsApiEnvelope } from './socket-mode-frames';

export interface ReaderOptions {
  /** An envelope not acknowledged within this long is sent again (Slack: 3 s). */
  ackTimeoutMs: number;
  /** Attempts after the first; then the event is dropped, as Slack does. */
  maxRetries: number;
  batch: number;
  /** Seconds from an envelope's send to its ack, for envelopes sent from this replica. */
  onAck?: (seconds: number) => void;
}

type StreamEntry = [id: string, fields: string[]];
/** Remembered per in-flight entry at most, so a retry can go to another connection. */
const MAX_TRACKED = 10_000;
const RECLAIM_INTERVAL_MS = 500;

/**
 * Reads one app's Socket Mode stream for this replica's connections of that app, through the
 * app's consumer group (consumer = this replica), so each event goes to exactly one replica and
 * there to one connection (round-robin). Unacknowledged entries — the connection was slow, closed,
 * or its replica died — are claimed again (XAUTOCLAIM, by any replica with a connection of the app)
 * once idle for the ack timeout, and sent with a growing `retry_attempt`, preferably on another
 * connection than last time. Blocking reads use a connection of the reader's own.
 */
export class AppStreamReader {
  private readonly logger = new Logger(AppStreamReader.name);
  private readonly connections: AppConnection[] = [];
  private readonly sentTo = new Map<string, { connection: string; at: number }>();
  private readonly key: string;
  private readonly retriesKey: string;
  private turn = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private blocking: RedisClient | null = null;
  private reclaimCursor = '0-0';
  private lastReclaim = 0;

  constructor(
    readonly appId: string,
    private readonly redis: RedisClient,
    private readonly blockingConnection: () => RedisClient,
    private readonly consumer: string,
    private readonly options: ReaderOptions,
  ) {
    this.key = appStreamKey(appId);
    this.retriesKey = appRetriesKey(appId);
  }

  get size(): number {
    return this.connections.length;
  }

  get local(): readonly AppConnection[] {
    return this.connections;
  }

  /** Creates the consumer group if needed (events before the app's first connection ever are not kept). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.redis.xgroup('CREATE', this.key, APP_STREAM_GROUP, '$', 'MKSTREAM').catch((error: Error) => {
      if (!error.message.includes('BUSYGROUP')) throw error;
    });
    this.running = true;
    this.blocking = this.blockingConnection();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.blocking?.disconnect();
    await this.loop?.catch(() => undefined);
    this.blocking = null;
  }

  add(connection: AppConnection): void {
    this.connections.push(connection);
  }

  remove(connection: AppConnection): void {
    const index = this.connections.indexOf(connection);
    if (index >= 0) this.connections.splice(index, 1);
  }

  async ack(entryId: string): Promise<void> {
    const sent = this.sentTo.get(entryId);
    if (sent) this.options.onAck?.((performance.now() - sent.at) / 1000);
    this.sentTo.delete(entryId);
    await Promise.all([
      this.redis.xack(this.key, APP_STREAM_GROUP, entryId),
      this.redis.hdel(this.retriesKey, entryId),
    ]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (Date.now() - this.lastReclaim >= RECLAIM_INTERVAL_MS) await this.reclaim();
        const result = (await this.blocking!.xreadgroup(
          'GROUP',
          APP_STREAM_GROUP,
          this.consumer,
          'COUNT',
          this.options.batch,
          'BLOCK',
          RECLAIM_INTERVAL_MS,
          'STREAMS',
          this.key,
          '>',
        )) as [string, StreamEntry[]][] | null;
        for (const [, entries] of result ?? []) for (const [id, fields] of entries) this.deliver(id, fields, 0);
      } catch (error) {
        if (!this.running) return;
        const message = error instanceof Error ? error.message : String(error);
        // The stream or group vanished (a flushed Redis): make them again.
        if (message.includes('NOGROUP'))
          await this.redis.xgroup('CREATE', this.key, APP_STREAM_GROUP, '$', 'MKSTREAM').catch(() => undefined);
        else this.logger.warn({ msg: 'socket mode stream read failed', app: this.appId, err: message });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private async reclaim(): Promise<void> {
    this.lastReclaim = Date.now();
    const [cursor, entries] = (await this.redis.xautoclaim(
      this.key,
      APP_STREAM_GROUP,
      this.consumer,
      this.options.ackTimeoutMs,
      this.reclaimCursor,
      'COUNT',
      this.options.batch,
    )) as [string, StreamEntry[], string[]?];
    this.reclaimCursor = cursor;
    const live = entries.filter((entry): entry is StreamEntry => Array.isArray(entry) && Array.isArray(entry[1]));
    if (live.length === 0) return;
    const attempts = await Promise.all(live.map(([id]) => this.redis.hincrby(this.retriesKey, id, 1)));
    void this.redis.expire(this.retriesKey, 86_400).catch(() => undefined);
    for (let i = 0; i < live.length; i++) {
      const [id, fields] = live[i];
      if (attempts[i] > this.options.maxRetries) {
        this.logger.warn({ msg: 'socket mode event dropped after retries', app: this.appId, entry: id });
        await this.ack(id);
        continue;
      }
      this.deliver(id, fields, attempts[i]);
    }
  }

  /** Without an open connection here the entry stays pending and is claimed again later. */
  private deliver(id: string, fields: string[], attempt: number): void {
    const payload = fieldValue(fields, 'payload');
    if (payload === null) return void this.ack(id).catch(() => undefined);
    const connection = this.pick(this.sentTo.get(id)?.connection);
    if (!connection) return;
    if (!connection.send(eventsApiEnvelope(id, payload, attempt))) return;
    this.sentTo.delete(id);
    this.sentTo.set(id, { connection: connection.id, at: performance.now() });
    if (this.sentTo.size > MAX_TRACKED) this.sentTo.delete(this.sentTo.keys().next().value!);
  }

  /** Round-robin over open connections, avoiding the one that had the entry before when there is another. */
  private pick(previous: string | undefined): AppConnection | null {
    const open = this.connections.filter((connection) => connection.open);
    if (open.length === 0) return null;
    const candidates = open.length > 1 && previous ? open.filter((connection) => connection.id !== previous) : open;
    this.turn = (this.turn + 1) % 1_000_000;
    return candidates[this.turn % candidates.length];
  }
}

function fieldValue(fields: string[], name: string): string | null {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return null;
}
