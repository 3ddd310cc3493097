import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  EventLog,
  InternalClient,
  PresenceStore,
  PrincipalResolver,
  TransientLog,
  type RedisClient,
} from '@switchboard/platform';
import { EventHub } from './hub/event-hub';
import { RealtimeConfig } from './realtime.config';
import { REALTIME_REDIS, realtimeRedisProviders } from './realtime-redis';

/**
 * The connections every feature of the realtime gateway uses: Redis (the command connection, the
 * hub's subscriber, blocking readers, and the logs and stores on them) and messaging-service
 * (InternalClient, PrincipalResolver). Nest shuts a module down after the modules that import it,
 * so these close after their users.
 */
@Module({
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
  ],
  exports: [...realtimeRedisProviders, InternalClient, PrincipalResolver, EventLog, PresenceStore, TransientLog],
})
export class RealtimeClientsModule implements OnApplicationShutdown {
  constructor(
    private readonly hub: EventHub,
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.hub.close();
    await this.redis.quit().catch(() => undefined);
  }
}
