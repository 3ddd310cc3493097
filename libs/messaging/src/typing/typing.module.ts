import { Module } from '@nestjs/common';
import { TransientLog, type RedisClient } from '@switchboard/platform';
import { ChannelsModule } from '../channels/channels.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { MessagingRedisModule, PUBLISH_REDIS } from '../redis/messaging-redis.module';
import { UsersModule } from '../users/users.module';
import { TypingService } from './typing.service';

/** Typing notifications, through the transient log in Redis. */
@Module({
  imports: [MessagingRedisModule, ChannelsModule, UsersModule, PermissionsModule],
  providers: [
    { provide: TransientLog, inject: [PUBLISH_REDIS], useFactory: (redis: RedisClient) => new TransientLog(redis) },
    TypingService,
  ],
  exports: [TypingService],
})
export class TypingModule {}
