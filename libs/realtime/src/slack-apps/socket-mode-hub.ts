import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MAX_APP_CONNECTIONS, appConnectionsKey } from '@switchboard/contracts';
import type { Histogram } from 'prom-client';
import { MetricsRegistry, type RedisClient, histogramOn } from '@switchboard/platform';
import { type BlockingRedisFactory, REALTIME_BLOCKING_REDIS, REALTIME_REDIS } from '../realtime-redis';
import { RealtimeConfig } from '../realtime.config';
import type { AppConnection } from './app-connection';
import { AppStreamReader } from './app-stream-reader';

/** A connection not refreshed for this long (its replica died) no longer counts toward the limit. */
const CONNECTION_TTL_MS = 30_000;

/**
 * This replica's Socket Mode connections by app, the stream reader each app with a connection here
 * needs, and the cluster-wide connection count per app (a sorted set of connection ids scored by
 * expiry, refreshed by the heartbeat, so a dead replica's connections drop out by themselves).
 */
@Injectable()
export class SocketModeHub implements OnApplicationShutdown {
  /** Names this replica as the consumer in every app's consumer group. */
  readonly consumer = `${hostname()}-${randomUUID().slice(0, 8)}`;
  readonly host = hostname();
  private readonly readers = new Map<string, AppStreamReader>();
  private readonly ackSeconds: Histogram;

  constructor(
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
    @Inject(REALTIME_BLOCKING_REDIS) private readonly blockingRedis: BlockingRedisFactory,
    private readonly config: RealtimeConfig,
    registry: MetricsRegistry,
  ) {
    this.ackSeconds = histogramOn(
      registry,
      'socket_mode_ack_seconds',
      'From a Socket Mode envelope being written to its ack arriving on this replica',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    );
  }

  all(): AppConnection[] {
    return [...this.readers.values()].flatMap((reader) => [...reader.local]);
  }

  /** Counts the connection in, or null when the app already has its maximum. */
  async admit(connection: AppConnection): Promise<number | null> {
    const key = appConnectionsKey(connection.appId);
    const now = Date.now();
    await this.redis.zremrangebyscore(key, '-inf', now);
    const count = await this.redis.zcard(key);
    if (count >= MAX_APP_CONNECTIONS) return null;
    await this.redis.zadd(key, now + CONNECTION_TTL_MS, connection.id);
    await this.redis.pexpire(key, CONNECTION_TTL_MS * 2);
    return count + 1;
  }

  /** Starts following the app's stream here (consumer group first, so nothing after hello is missed). */
  async attach(connection: AppConnection): Promise<void> {
    let reader = this.readers.get(connection.appId);
    if (!reader) {
      reader = new AppStreamReader(connection.appId, this.redis, this.blockingRedis, this.consumer, {
        ackTimeoutMs: this.config.SOCKET_MODE_ACK_TIMEOUT_MS,
        maxRetries: 3,
        batch: 100,
        onAck: (seconds) => this.ackSeconds.observe(seconds),
      });
      this.readers.set(connection.appId, reader);
    }
    reader.add(connection);
    await reader.start();
  }

  async detach(connection: AppConnection): Promise<void> {
    await this.redis.zrem(appConnectionsKey(connection.appId), connection.id).catch(() => undefined);
    const reader = this.readers.get(connection.appId);
    if (!reader) return;
    reader.remove(connection);
    if (reader.size > 0) return;
    this.readers.delete(connection.appId);
    await reader.stop();
  }

  async ack(connection: AppConnection, entryId: string): Promise<void> {
    await this.readers.get(connection.appId)?.ack(entryId);
  }

  /** Keeps this replica's connections counted. */
  async refresh(): Promise<void> {
    const expires = Date.now() + CONNECTION_TTL_MS;
    await Promise.all(
      this.all().map(async (connection) => {
        const key = appConnectionsKey(connection.appId);
        await this.redis.zadd(key, expires, connection.id);
        await this.redis.pexpire(key, CONNECTION_TTL_MS * 2);
      }),
    ).catch(() => undefined);
  }

  /** After the gateway's drain (beforeApplicationShutdown), which still needs the connections. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.readers.values()].map((reader) => reader.stop()));
    this.readers.clear();
  }
}
