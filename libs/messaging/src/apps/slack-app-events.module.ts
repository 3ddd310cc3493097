import { Module, type OnApplicationShutdown } from '@nestjs/common';
import type { RedisClient } from '@switchboard/platform';
import { OutboxModule } from '../outbox/outbox.module';
import { queueProducer } from '../queues/queue-producer';
import { MessagingRedisModule, PUBLISH_REDIS } from '../redis/messaging-redis.module';
import { AppsModule } from './apps.module';
import { SlackAppEventConsumer } from './slack-app-event.consumer';
import { SlackEventsQueue } from './slack-events.queue';
import { SocketModeStream } from './socket-mode-stream';

/** Hands committed events to the Slack apps subscribed to them: Socket Mode streams and Events API jobs. */
@Module({
  imports: [AppsModule, OutboxModule, MessagingRedisModule],
  providers: [
    {
      provide: SocketModeStream,
      inject: [PUBLISH_REDIS],
      useFactory: (redis: RedisClient) => new SocketModeStream(redis),
    },
    queueProducer(SlackEventsQueue, 'slack-events-queue'),
    SlackAppEventConsumer,
  ],
})
export class SlackAppEventsModule implements OnApplicationShutdown {
  constructor(private readonly queue: SlackEventsQueue) {}

  /** After the consumer (the relay stops before any module shuts down: MessagingServiceModule). */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
