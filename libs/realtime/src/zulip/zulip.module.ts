import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { InternalClient, TransientLog, type RedisClient } from '@switchboard/platform';
import { EventHub } from '../hub/event-hub';
import { RealtimeConfig } from '../realtime.config';
import { REALTIME_REDIS } from '../realtime-redis';
import { RealtimeClientsModule } from '../realtime-clients.module';
import { ChannelDirectory } from './channel-directory';
import { EventQueueController } from './event-queue.controller';
import { EventQueueService } from './event-queue.service';
import { ParticipantDirectory } from './participant-directory';
import { QueueStore } from './queue.store';
import { QueueWaker } from './queue-waker';
import { TransientFeed } from './transient-feed';
import { UserDirectory } from './user-directory';
import { ZulipAuthGuard } from './zulip-auth.guard';
import { zulipBodyParsers } from './zulip-body-parsers';

/** Zulip event queues (register, poll, delete); main.ts also serves polls ahead of Nest from EventQueueService. */
@Module({
  imports: [RealtimeClientsModule],
  controllers: [EventQueueController],
  providers: [
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
  ],
  exports: [EventQueueService],
})
export class ZulipModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...zulipBodyParsers()).forRoutes(EventQueueController);
  }
}
