import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  EventLog,
  PresenceStore,
  HealthModule,
  MetricsModule,
  HealthRegistry,
  InternalClient,
  PrincipalResolver,
  createRedis,
  pingRedis,
  type RedisClient,
} from '@switchboard/platform';
import { AuthGuard } from './auth/auth.guard';
import { Authenticator } from './auth/authenticator';
import { ChannelsController } from './corteza/channels.controller';
import { MessageAnnotationsController } from './corteza/message-annotations.controller';
import { MessagesController } from './corteza/messages.controller';
import { MessagingForwarder } from './corteza/messaging-forwarder';
import { SearchController } from './corteza/search.controller';
import { ActivityController } from './corteza/activity.controller';
import { CommandsController } from './corteza/commands.controller';
import { AttachController, AttachmentDownloadController } from './corteza/attachments.controller';
import { AttachmentUploadInterceptor } from './corteza/attachment-upload.interceptor';
import { PermissionsController } from './corteza/permissions.controller';
import { StatusController } from './corteza/status.controller';
import { GatewayConfig } from './gateway.config';
import { RateLimiter } from './http/rate-limiter';
import { EdgeRateLimits } from './http/edge-rate-limits';
import { HotPostRoute } from './http/hot-post-route';
import { PostCoalescer } from './http/post-coalescer';
import { ChatMethods } from './slack/web-api/chat.methods';
import { ConversationsMethods } from './slack/web-api/conversations.methods';
import { ReactionsPinsMethods } from './slack/web-api/reactions-pins.methods';
import { RtmMethods } from './slack/web-api/rtm.methods';
import { AppsMethods } from './slack/web-api/apps.methods';
import { SlackAppsController } from './slack/slack-apps.controller';
import { SlackApiController } from './slack/web-api/slack-api.controller';
import { UsersMethods } from './slack/web-api/users.methods';
import { RtmAdmission } from './slack/rtm-admission';
import { RtmTicketIssuer } from './slack/rtm-ticket.issuer';
import { GATEWAY_REDIS } from './redis.tokens';
import { IncomingWebhookLimiter } from './webhooks/incoming-webhook.limiter';
import { IncomingWebhooksController } from './webhooks/incoming-webhooks.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

import { RealtimeForwarderController } from './zulip/realtime-forwarder.controller';
import { ZulipDirectory } from './zulip/zulip-directory';
import { ZulipDirectoryController, ZulipServerSettingsController } from './zulip/zulip-directory.controller';
import { ZulipFlagsController } from './zulip/zulip-flags.controller';
import { ZulipMessagesController } from './zulip/zulip-messages.controller';
import { ZulipReactionsController } from './zulip/zulip-reactions.controller';
import { ZulipNotFoundController } from './zulip/zulip-not-found.controller';
import { ZulipTypingController } from './zulip/zulip-typing.controller';
import { ZulipPresenceController } from './zulip/zulip-presence.controller';
import { ZulipSettingsController } from './zulip/zulip-settings.controller';

/** api-gateway: authenticates, validates, translates dialects, and calls messaging-service. */
@Module({
  imports: [HealthModule, MetricsModule],
  controllers: [
    ActivityController,
    AttachController,
    AttachmentDownloadController,
    ChannelsController,
    CommandsController,
    MessageAnnotationsController,
    MessagesController,
    PermissionsController,
    SearchController,
    StatusController,
    SlackApiController,
    SlackAppsController,
    WebhooksController,
    IncomingWebhooksController,
    RealtimeForwarderController,
    ZulipFlagsController,
    ZulipReactionsController,
    ZulipMessagesController,
    ZulipDirectoryController,
    ZulipServerSettingsController,
    ZulipTypingController,
    ZulipPresenceController,
    ZulipSettingsController,
    // Last: the catch-all for unknown Zulip endpoints.
    ZulipNotFoundController,
  ],
  providers: [
    {
      provide: InternalClient,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) =>
        new InternalClient(config.MESSAGING_SERVICE_URL, config.INTERNAL_API_SECRET),
    },
    {
      provide: PrincipalResolver,
      inject: [InternalClient, GatewayConfig],
      useFactory: (messaging: InternalClient, config: GatewayConfig) =>
        new PrincipalResolver(messaging, config.AUTH_CACHE_SECONDS * 1000),
    },
    {
      provide: GATEWAY_REDIS,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => createRedis(config.REDIS_URL, 'api-gateway'),
    },
    { provide: EventLog, inject: [GATEWAY_REDIS], useFactory: (redis: RedisClient) => new EventLog(redis) },
    { provide: PresenceStore, inject: [GATEWAY_REDIS], useFactory: (redis: RedisClient) => new PresenceStore(redis) },
    Authenticator,
    RateLimiter,
    EdgeRateLimits,
    HotPostRoute,
    PostCoalescer,
    ChatMethods,
    ConversationsMethods,
    UsersMethods,
    RtmMethods,
    AppsMethods,
    ReactionsPinsMethods,
    AuthGuard,
    MessagingForwarder,
    AttachmentUploadInterceptor,
    RtmTicketIssuer,
    RtmAdmission,
    IncomingWebhookLimiter,
    ZulipDirectory,
  ],
})
export class ApiGatewayModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    private readonly messaging: InternalClient,
    @Inject(GATEWAY_REDIS) private readonly redis: RedisClient,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', () => pingRedis(this.redis));
    this.health.register('messaging-service', () => this.messaging.ready());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
