import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@switchboard/db';
import { AdminService } from './admin/admin.service';
import { AnnotationRepository } from './annotations/annotation.repository';
import { AttachmentRepository } from './attachments/attachment.repository';
import { AnnotationService } from './annotations/annotation.service';
import { MessageAnnotator } from './annotations/message-annotator';
import { AuthService } from './auth/auth.service';
import { SlackAppRepository } from './apps/slack-app.repository';
import { SlackAppService } from './apps/slack-app.service';
import { ChannelAccess } from './channels/channel-access';
import { ChannelStateService } from './channels/channel-state.service';
import { ChannelRepository } from './channels/channel.repository';
import { ChannelService } from './channels/channel.service';
import { ClientSnapshotService } from './zulip-sync/client-snapshot.service';
import { MessageSearchService } from './zulip-sync/message-search.service';
import { ViewerStateRepository } from './zulip-sync/viewer-state.repository';
import { IdGenerator } from './ids/id-generator';
import { MemberService } from './members/member.service';
import { MembershipFlagService } from './members/membership-flag.service';
import { MentionRepository } from './mentions/mention.repository';
import { MessageRepository } from './messages/message.repository';
import { MessageService } from './messages/message.service';
import { MessagingConfig } from './messaging.config';
import { OrganisationService } from './organisations/organisation.service';
import { OutboxWriter } from './outbox/outbox.writer';
import { OutboxConsumerRegistry } from './outbox/outbox-consumer';
import { ActorCache } from './users/actor-cache';
import { FastMessagePoster } from './messages/fast-message-poster';
import { MessagePostBatcher } from './messages/message-post.batcher';
import { PostingFacts } from './messages/posting-facts';
import { ReadStateRepository } from './read-state/read-state.repository';
import { ReadStateService } from './read-state/read-state.service';
import { ReadMarkerRepository } from './read-state/read-marker.repository';
import { ReadMarkersService } from './read-state/read-markers.service';
import { MessageFlagsService } from './message-flags/message-flags.service';
import { SearchRepository } from './search/search.repository';
import { SearchService } from './search/search.service';
import { PermissionRepository } from './permissions/permission.repository';
import { PermissionService } from './permissions/permission.service';
import { ApiTokenService } from './tokens/api-token.service';
import { ProfileService } from './users/profile.service';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';
import { WebhookRepository } from './webhooks/webhook.repository';
import { WebhookService } from './webhooks/webhook.service';

const DOMAIN = [
  AdminService,
  AnnotationRepository,
  AnnotationService,
  AttachmentRepository,
  MessageAnnotator,
  ChannelStateService,
  MembershipFlagService,
  MentionRepository,
  ReadStateRepository,
  ReadStateService,
  ReadMarkerRepository,
  ReadMarkersService,
  MessageFlagsService,
  SearchRepository,
  SearchService,
  AuthService,
  ChannelAccess,
  ChannelRepository,
  ChannelService,
  ClientSnapshotService,
  IdGenerator,
  MemberService,
  MessageRepository,
  MessageSearchService,
  ViewerStateRepository,
  MessageService,
  OrganisationService,
  OutboxWriter,
  OutboxConsumerRegistry,
  ActorCache,
  PostingFacts,
  MessagePostBatcher,
  FastMessagePoster,
  PermissionRepository,
  PermissionService,
  ProfileService,
  ApiTokenService,
  UserRepository,
  UserService,
  WebhookRepository,
  WebhookService,
  SlackAppRepository,
  SlackAppService,
];

/** The domain and its database: used by the HTTP service and by the admin CLI alike. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [MessagingConfig],
      useFactory: (config: MessagingConfig) => dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
    }),
  ],
  providers: DOMAIN,
  exports: DOMAIN,
})
export class MessagingDomainModule {}
