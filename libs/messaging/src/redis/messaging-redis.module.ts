import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createRedis, type RedisClient } from '@switchboard/platform';
import { MessagingConfig } from '../messaging.config';

/** The connection messaging-service publishes on (events, transient logs, Socket Mode streams). */
export const PUBLISH_REDIS = Symbol('PUBLISH_REDIS');

/**
 * Owns PUBLISH_REDIS. Nest shuts a module down after the modules that import it, so the connection
 * closes after everything that publishes on it has stopped.
 */
@Module({
  providers: [
    {
      provide: PUBLISH_REDIS,
      inject: [MessagingConfig],
      useFactory: (config: MessagingConfig) => createRedis(config.REDIS_URL, 'outbox-relay'),
    },
  ],
  exports: [PUBLISH_REDIS],
})
export class MessagingRedisModule implements OnApplicationShutdown {
  constructor(@Inject(PUBLISH_REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
