import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import {
  HealthModule,
  MetricsModule,
  HealthRegistry,
  InternalClient,
  pingRedis,
  type RedisClient,
} from '@switchboard/platform';
import { CortezaModule } from './corteza/corteza.module';
import { GatewayClientsModule } from './gateway-clients.module';
import { GatewayHttpModule } from './http/gateway-http.module';
import { GATEWAY_REDIS } from './redis.tokens';
import { SlackModule } from './slack/slack.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ZulipModule } from './zulip/zulip.module';

/**
 * api-gateway: authenticates, validates, translates dialects, and calls messaging-service. Routes are
 * mounted module by module in import order: ZulipModule (its catch-all) stays last.
 */
@Module({
  imports: [
    GatewayClientsModule,
    GatewayHttpModule,
    CortezaModule,
    SlackModule,
    WebhooksModule,
    ZulipModule,
    HealthModule,
    MetricsModule,
  ],
})
export class ApiGatewayModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly messaging: InternalClient,
    @Inject(GATEWAY_REDIS) private readonly redis: RedisClient,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', () => pingRedis(this.redis));
    this.health.register('messaging-service', () => this.messaging.ready());
  }
}
