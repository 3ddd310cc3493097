import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InternalClient, createRedis, type RedisClient } from '@switchboard/platform';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';

/** Injection token of the dispatcher's command connection to Redis (per-target leases, Slack event state). */
export const DISPATCHER_REDIS = Symbol('DISPATCHER_REDIS');

/**
 * What every feature of the dispatcher uses: Redis, messaging-service, and the job handlers by name
 * (each feature module registers its own; the workers look them up). Nest shuts a module down after
 * the modules that import it, so Redis closes after its users.
 */
@Module({
  providers: [
    JobHandlers,
    {
      provide: DISPATCHER_REDIS,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) => createRedis(config.REDIS_URL, 'webhook-dispatcher'),
    },
    {
      provide: InternalClient,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) =>
        new InternalClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET),
    },
  ],
  exports: [JobHandlers, DISPATCHER_REDIS, InternalClient],
})
export class DispatcherClientsModule implements OnApplicationShutdown {
  constructor(@Inject(DISPATCHER_REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
