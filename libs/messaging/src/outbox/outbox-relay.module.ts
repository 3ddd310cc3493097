import { Module } from '@nestjs/common';
import type { RedisClient } from '@switchboard/platform';
import { MessagingConfig } from '../messaging.config';
import { MessagingRedisModule, PUBLISH_REDIS } from '../redis/messaging-redis.module';
import { EventPublisher } from './event-publisher';
import { OutboxConsumerRegistry } from './outbox-consumer';
import { OutboxModule } from './outbox.module';
import { OutboxRelay } from './outbox.relay';

/** The relay (leader election, batching, cursors) and its first consumer, the Redis publisher. */
@Module({
  imports: [OutboxModule, MessagingRedisModule],
  providers: [
    {
      provide: EventPublisher,
      inject: [PUBLISH_REDIS, MessagingConfig, OutboxConsumerRegistry],
      useFactory: (redis: RedisClient, config: MessagingConfig, consumers: OutboxConsumerRegistry) => {
        const publisher = new EventPublisher(redis, config.EVENT_LOG_MAX_EVENTS);
        consumers.register(publisher);
        return publisher;
      },
    },
    OutboxRelay,
  ],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
