import {
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  EventLog,
  HealthModule,
  HealthRegistry,
  InternalClient,
  PrincipalResolver,
  MetricsModule,
  MetricsRegistry,
  PresenceStore,
  TransientLog,
  pingRedis,
  type RedisClient,
} from '@switchboard/platform';
import { ConnectionRegistry } from './connections/connection-registry';
import { PresenceTracker } from './connections/presence-tracker';
import { RealtimeReplica } from './connections/realtime-replica';
import { ResumePoints } from './connections/resume-points';
import { SessionBudget } from './connections/session-budget';
import { EventHub } from './hub/event-hub';
import { RealtimeConfig } from './realtime.config';
import { RealtimeMetrics } from './realtime-metrics';
import { REALTIME_REDIS, realtimeRedisProviders } from './realtime-redis';
import { EventReplayer } from './slack/event-replayer';
import { EventRouter } from './slack/event-router';
import { RtmGateway } from './slack/rtm.gateway';
import { RtmFrameHandler } from './slack/rtm-frame.handler';
import { SocketModeGateway } from './slack-apps/socket-mode.gateway';
import { SocketModeHub } from './slack-apps/socket-mode-hub';
import { EventQueueController } from './zulip/event-queue.controller';
import { EventQueueService } from './zulip/event-queue.service';
import { ParticipantDirectory } from './zulip/participant-directory';
import { QueueStore } from './zulip/queue.store';
import { QueueWaker } from './zulip/queue-waker';
import { ChannelDirectory } from './zulip/channel-directory';
import { TransientFeed } from './zulip/transient-feed';
import { UserDirectory } from './zulip/user-directory';
import { ZulipAuthGuard } from './zulip/zulip-auth.guard';
import { zulipBodyParsers } from './zulip/zulip-body-parsers';

/**
 * realtime-gateway: RTM sockets and Zulip event queues over targeted sharded pub/sub. Holds no
 * state another replica needs: queues live in Redis.
 */
@Module({
  imports: [HealthModule, MetricsModule],
  controllers: [EventQueueController],
  providers: [
    ...realtimeRedisProviders,
    {
      provide: InternalClient,
      inject: [RealtimeConfig],
      useFactory: (config: RealtimeConfig) =>
        new InternalClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET),
    },
    {
      provide: PrincipalResolver,
      inject: [InternalClient, RealtimeConfig],
      useFactory: (messaging: InternalClient, config: RealtimeConfig) =>
        new PrincipalResolver(messaging, config.AUTH_CACHE_SECONDS * 1000),
    },
    { provide: EventLog, inject: [REALTIME_REDIS], useFactory: (redis: RedisClient) => new EventLog(redis) },
    { provide: PresenceStore, inject: [REALTIME_REDIS], useFactory: (redis: RedisClient) => new PresenceStore(redis) },
    { provide: TransientLog, inject: [REALTIME_REDIS], useFactory: (redis: RedisClient) => new TransientLog(redis) },
    {
      provide: QueueStore,
      inject: [REALTIME_REDIS, RealtimeConfig],
      useFactory: (redis: RedisClient, config: RealtimeConfig) =>
        new QueueStore(redis, config.ZULIP_HEARTBEAT_SECONDS + 30),
    },
    { provide: QueueWaker, inject: [EventHub], useFactory: (hub: EventHub) => new QueueWaker(hub) },
    {
      provide: ParticipantDirectory,
      inject: [InternalClient],
      useFactory: (messaging: InternalClient) => new ParticipantDirectory(messaging),
    },
    {
      provide: UserDirectory,
      inject: [InternalClient],
      useFactory: (messaging: InternalClient) => new UserDirectory(messaging),
    },
    {
      provide: ChannelDirectory,
      inject: [InternalClient],
      useFactory: (messaging: InternalClient) => new ChannelDirectory(messaging),
    },
    {
      provide: TransientFeed,
      inject: [TransientLog, UserDirectory, ParticipantDirectory, ChannelDirectory],
      useFactory: (
        log: TransientLog,
        users: UserDirectory,
        participants: ParticipantDirectory,
        channels: ChannelDirectory,
      ) => new TransientFeed(log, users, participants, channels),
    },
    EventQueueService,
    ZulipAuthGuard,
    ConnectionRegistry,
    {
      provide: RealtimeMetrics,
      inject: [MetricsRegistry, ConnectionRegistry, EventHub],
      useFactory: (registry: MetricsRegistry, connections: ConnectionRegistry, hub: EventHub) =>
        new RealtimeMetrics(registry, connections, hub),
    },
    RealtimeReplica,
    ResumePoints,
    { provide: SessionBudget, inject: [REALTIME_REDIS], useFactory: (redis: RedisClient) => new SessionBudget(redis) },
    EventRouter,
    EventReplayer,
    PresenceTracker,
    RtmFrameHandler,
    RtmGateway,
    SocketModeHub,
    SocketModeGateway,
  ],
})
export class RealtimeGatewayModule implements NestModule, OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    private readonly messaging: InternalClient,
    private readonly hub: EventHub,
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...zulipBodyParsers()).forRoutes(EventQueueController);
  }

  onModuleInit(): void {
    this.health.register('redis', () => pingRedis(this.redis));
    this.health.register('messaging-service', () => this.messaging.ready());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hub.close();
    await this.redis.quit().catch(() => undefined);
  }
}
