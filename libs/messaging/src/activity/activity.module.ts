import { Module } from '@nestjs/common';
import type { RedisClient } from '@switchboard/platform';
import { ChannelAccess } from '../channels/channel-access';
import { ChannelsModule } from '../channels/channels.module';
import { Clock } from '../clock/clock';
import { ClockModule } from '../clock/clock.module';
import { MessageRepository } from '../messages/message.repository';
import { MessagesModule } from '../messages/messages.module';
import { PermissionService } from '../permissions/permission.service';
import { PermissionsModule } from '../permissions/permissions.module';
import { MessagingRedisModule, PUBLISH_REDIS } from '../redis/messaging-redis.module';
import { ActivityService } from './activity.service';

/** Transient activity (a user looking at a channel or a message), published straight to Redis. */
@Module({
  imports: [MessagingRedisModule, ChannelsModule, PermissionsModule, MessagesModule, ClockModule],
  providers: [
    {
      provide: ActivityService,
      inject: [PUBLISH_REDIS, ChannelAccess, PermissionService, MessageRepository, Clock],
      useFactory: (
        redis: RedisClient,
        access: ChannelAccess,
        permissions: PermissionService,
        messages: MessageRepository,
        clock: Clock,
      ) => new ActivityService(redis, access, permissions, messages, clock),
    },
  ],
  exports: [ActivityService],
})
export class ActivityModule {}
