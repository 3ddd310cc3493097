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
  createRedis,
  createSubscriberRedis,
  pingRedis,
  type RedisClient,
} from '@switchboard/platform';
import { RealtimeMetrics } from './events/realtime-metrics';
import { ConnectionRegistry } from './connections/connection-registry';
import { RealtimeReplica } from './connections/realtime-replica';
import { ResumePoints } from './connections/resume-points';
import { SessionBudget } from './connections/session-budget';
import { EventRouter } from './events/event-router';
import { EventSubscriber } from './events/event-subscriber';
import { RealtimeConfig } from './realtime.config';
import { EventReplayer } from './events/event-replayer';
import { PresenceTracker } from './events/presence-tracker';
import { REALTIME_REDIS } from './slack/realtime-redis';
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
    {
      provide: REALTIME_REDIS,
      inject: [RealtimeConfig],
      useFactory: (config: RealtimeConfig) => createRedis(config.REDIS_URL, 'realtime'),
    },
    // Subscriptions need a connection of their own: a subscribed connection cannot send commands.
    {
      provide: EventSubscriber,
      inject: [RealtimeConfig],
      useFactory: (config: RealtimeConfig) =>
        new EventSubscriber(createSubscriberRedis(config.REDIS_URL, 'realtime-subscriber')),
    },
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
    {
      provide: QueueWaker,
      inject: [RealtimeConfig],
      useFactory: (config: RealtimeConfig) =>
        new QueueWaker(createSubscriberRedis(config.REDIS_URL, 'realtime-queue-waker')),
    },
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
      inject: [MetricsRegistry, ConnectionRegistry, EventSubscriber],
      useFactory: (registry: MetricsRegistry, connections: ConnectionRegistry, subscriber: EventSubscriber) =>
        new RealtimeMetrics(registry, connections, subscriber),
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
    private readonly subscriber: EventSubscriber,
    private readonly waker: QueueWaker,
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
    await this.subscriber.close();
    await this.waker.close();
    await this.redis.quit().catch(() => undefined);
  }
}
