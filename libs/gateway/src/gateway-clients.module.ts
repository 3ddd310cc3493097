import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EventLog, InternalClient, PresenceStore, createRedis, type RedisClient } from '@switchboard/platform';
import { MessagingForwarder } from './corteza/messaging-forwarder';
import { GatewayConfig } from './gateway.config';
import { GATEWAY_REDIS } from './redis.tokens';

/**
 * The connections every feature of the api-gateway uses: messaging-service (InternalClient, and
 * MessagingForwarder, which every dialect calls it through although its file is in corteza/) and
 * Redis (GATEWAY_REDIS, EventLog, PresenceStore). Nest shuts a module down after the modules that
 * import it, so Redis closes after its users.
 */
@Module({
  providers: [
    {
      provide: InternalClient,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) =>
        new InternalClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET),
    },
    MessagingForwarder,
    {
      provide: GATEWAY_REDIS,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => createRedis(config.REDIS_URL, 'api-gateway'),
    },
    { provide: EventLog, inject: [GATEWAY_REDIS], useFactory: (redis: RedisClient) => new EventLog(redis) },
    { provide: PresenceStore, inject: [GATEWAY_REDIS], useFactory: (redis: RedisClient) => new PresenceStore(redis) },
  ],
  exports: [InternalClient, MessagingForwarder, GATEWAY_REDIS, EventLog, PresenceStore],
})
export class GatewayClientsModule implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
