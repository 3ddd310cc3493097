import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HealthModule, HealthRegistry, MessagingClient, createRedis, pingRedis } from '@switchboard/platform';
import { AuthGuard } from './auth/auth.guard';
import { Authenticator } from './auth/authenticator';
import { ChannelsController } from './corteza/channels.controller';
import { MessagesController } from './corteza/messages.controller';
import { MessagingForwarder } from './corteza/messaging-forwarder';
import { GatewayConfig } from './gateway.config';
import { RtmConnectController } from './slack/rtm-connect.controller';
import { GATEWAY_REDIS, RtmTicketIssuer } from './slack/rtm-ticket.issuer';
import { RealtimeForwarderController } from './zulip/realtime-forwarder.controller';
import { ZulipDirectory } from './zulip/zulip-directory';
import { ZulipDirectoryController, ZulipServerSettingsController } from './zulip/zulip-directory.controller';
import { ZulipMessagesController } from './zulip/zulip-messages.controller';
import { ZulipNotFoundController } from './zulip/zulip-not-found.controller';

/** api-gateway: authenticates, validates, translates dialects, and calls messaging-service. */
@Module({
  imports: [HealthModule],
  controllers: [
    ChannelsController,
    MessagesController,
    RtmConnectController,
    RealtimeForwarderController,
    ZulipMessagesController,
    ZulipDirectoryController,
    ZulipServerSettingsController,
    // Last: the catch-all for unknown Zulip endpoints.
    ZulipNotFoundController,
  ],
  providers: [
    { provide: MessagingClient, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => new MessagingClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET) },
    { provide: GATEWAY_REDIS, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => createRedis(config.REDIS_URL, 'api-gateway') },
    Authenticator,
    AuthGuard,
    MessagingForwarder,
    RtmTicketIssuer,
    ZulipDirectory,
  ],
})
export class ApiGatewayModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', () => pingRedis(this.redis));
    this.health.register('messaging-service', () => this.messaging.ready());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
