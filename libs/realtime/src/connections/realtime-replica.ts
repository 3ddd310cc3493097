import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Server } from 'node:http';
import { HttpAdapterHost } from '@nestjs/core';
import { REALTIME_REPLICAS_KEY, realtimeRoutedKey } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import { RealtimeConfig } from '../realtime.config';
import { REALTIME_REDIS } from '../realtime-redis';

const BEAT_MS = 500;
/** A replica that has not refreshed its registration for this long is taken for dead (by rtm.connect, and by a resuming socket). */
const REGISTRATION_MS = 2000;

/**
 * This replica as the rest of the cluster sees it: a registration rtm.connect counts (no live
 * replica: a retryable answer instead of a URL nobody serves), and, per organisation, the newest
 * event it routed to its sockets. When the replica dies without closing its sockets, a client's
 * next socket resumes from that id: the replica wrote everything up to it before dying.
 */
@Injectable()
export class RealtimeReplica implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeReplica.name);
  readonly id = randomBytes(6).toString('base64url');
  private readonly dirty = new Map<string, string>();
  private flushing = false;
  private timer: NodeJS.Timeout | null = null;
  private draining = false;

  constructor(
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
    private readonly config: RealtimeConfig,
    private readonly http: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.beat(), BEAT_MS);
    this.timer.unref();
    void this.beat();
  }

  /**
   * Draining: rtm.connect stops sending clients here before the sockets get `goodbye`. On module
   * destroy because Nest runs every onModuleDestroy before any beforeApplicationShutdown (where the
   * gateways say goodbye), whichever module shuts down first.
   */
  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    if (this.timer) clearInterval(this.timer);
    await this.redis.zrem(REALTIME_REPLICAS_KEY, this.id).catch(() => undefined);
  }

  /** Called after an event went out to this replica's sockets; written within the same turn of the event loop. */
  routed(organisationId: string, eventId: string): void {
    this.dirty.set(organisationId, eventId);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  /**
   * The newest event a (dead or live) replica routed for an organisation: `undefined` when the
   * replica is gone for longer than the resume window, `null` when it routed none.
   */
  async routedBy(replicaId: string, organisationId: string): Promise<string | null | undefined> {
    const [beat, routed] = await this.redis.hmget(realtimeRoutedKey(replicaId), '_', organisationId);
    return beat === null ? undefined : routed;
  }

  /**
   * Whether another replica is alive: it is once it refreshes its registration after this call
   * began, dead once the registration lapses. Waits at most REGISTRATION_MS, only when a client's
   * previous socket is still recorded as open there (a parallel session, or a replica that died).
   */
  async isAlive(replicaId: string): Promise<boolean> {
    if (replicaId === this.id) return true;
    const first = await this.redis.zscore(REALTIME_REPLICAS_KEY, replicaId);
    if (first === null || Number(first) < Date.now()) return false;
    const deadline = Date.now() + REGISTRATION_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, BEAT_MS / 2));
      const score = await this.redis.zscore(REALTIME_REPLICAS_KEY, replicaId);
      if (score === null || Number(score) < Date.now()) return false;
      if (Number(score) > Number(first)) return true;
    }
    return false;
  }

  private async flush(): Promise<void> {
    const entries = [...this.dirty];
    this.dirty.clear();
    this.flushing = false;
    if (entries.length === 0) return;
    // Two plain commands, auto-pipelined into one write: both are idempotent, so a MULTI (four
    // commands and a pipeline object per routed event) bought nothing.
    const key = realtimeRoutedKey(this.id);
    await Promise.all([
      this.redis.hset(key, ...entries.flat()),
      this.redis.pexpire(key, this.config.RTM_RESUME_WINDOW_SECONDS * 1000),
    ]).catch((error: unknown) => this.logger.warn({ msg: 'routed position not saved', err: String(error) }));
  }

  private async beat(): Promise<void> {
    // Registered only once the server listens: rtm.connect must not hand out a URL nobody answers yet.
    if (this.draining || !(this.http.httpAdapter?.getHttpServer() as Server | undefined)?.listening) return;
    const now = Date.now();
    try {
      await this.redis.zadd(REALTIME_REPLICAS_KEY, now + REGISTRATION_MS, this.id);
      await this.redis.zremrangebyscore(REALTIME_REPLICAS_KEY, '-inf', now);
      // The routed positions outlive the replica by the resume window, no longer.
      await this.redis
        .multi()
        .hset(realtimeRoutedKey(this.id), '_', String(now))
        .pexpire(realtimeRoutedKey(this.id), this.config.RTM_RESUME_WINDOW_SECONDS * 1000)
        .exec();
    } catch (error) {
      this.logger.warn({ msg: 'replica registration failed', err: String(error) });
    }
  }
}
