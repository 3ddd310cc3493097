import { Module, type OnModuleInit, Inject } from '@nestjs/common';
import {
  HealthModule,
  HealthRegistry,
  InternalClient,
  MetricsModule,
  pingRedis,
  type RedisClient,
} from '@switchboard/platform';
import { ConnectionsModule } from './connections/connections.module';
import { REALTIME_REDIS } from './realtime-redis';
import { RealtimeClientsModule } from './realtime-clients.module';
import { SlackModule } from './slack/slack.module';
import { SlackAppsModule } from './slack-apps/slack-apps.module';
import { ZulipModule } from './zulip/zulip.module';

/**
 * realtime-gateway: RTM sockets and Zulip event queues over targeted sharded pub/sub. Holds no
 * state another replica needs: queues live in Redis.
 */
@Module({
  imports: [
    RealtimeClientsModule,
    ZulipModule,
    ConnectionsModule,
    SlackModule,
    SlackAppsModule,
    HealthModule,
    MetricsModule,
  ],
})
export class RealtimeGatewayModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly messaging: InternalClient,
    @Inject(REALTIME_REDIS) private readonly redis: RedisClient,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', () => pingRedis(this.redis));
    this.health.register('messaging-service', () => this.messaging.ready());
  }
}
