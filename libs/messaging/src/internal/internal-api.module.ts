import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { AnnotationsModule } from '../annotations/annotations.module';
import { AppsModule } from '../apps/apps.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { ChannelsModule } from '../channels/channels.module';
import { CommandsModule } from '../commands/commands.module';
import { MembersModule } from '../members/members.module';
import { MessageFlagsModule } from '../message-flags/message-flags.module';
import { HotPostRoute } from '../messages/hot-post-route';
import { MessagesModule } from '../messages/messages.module';
import { PostBatchService } from '../messages/post-batch.service';
import { PermissionsModule } from '../permissions/permissions.module';
import { ReadStateModule } from '../read-state/read-state.module';
import { SearchModule } from '../search/search.module';
import { StatusModule } from '../status/status.module';
import { TypingModule } from '../typing/typing.module';
import { UsersModule } from '../users/users.module';
import { ViewsModule } from '../views/views.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { InternalActivityController } from './activity.controller';
import { InternalAnnotationsController } from './annotations.controller';
import { InternalAttachmentsController } from './attachments.controller';
import { InternalAuthController } from './auth.controller';
import { InternalChannelsController } from './channels.controller';
import { InternalCommandsController } from './commands.controller';
import { InternalConversationsController } from './conversations.controller';
import { InternalAuthGuard } from './internal-auth.guard';
import { InternalMessageBlocksController } from './message-blocks.controller';
import { InternalMessageFlagsController } from './message-flags.controller';
import { InternalMessagesController } from './messages.controller';
import { InternalPermissionsController } from './permissions.controller';
import { InternalSearchController } from './search.controller';
import { InternalSlackAppsController } from './slack-apps.controller';
import { InternalStatusController } from './status.controller';
import { InternalTypingController } from './typing.controller';
import { InternalUsersController } from './users.controller';
import { InternalWebhookDeliveriesController } from './webhook-deliveries.controller';
import { InternalWebhooksController } from './webhooks.controller';

/**
 * The internal command API the edges call (under INTERNAL_PREFIX, behind InternalAuthGuard), and the hot
 * post route that main.ts mounts ahead of Nest for the same route (its file is in messages/). The
 * Zulip sync routes are ZulipSyncModule's.
 */
@Module({
  imports: [
    UsersModule,
    StatusModule,
    ViewsModule,
    AuthModule,
    ChannelsModule,
    MembersModule,
    AnnotationsModule,
    ReadStateModule,
    MessagesModule,
    MessageFlagsModule,
    SearchModule,
    PermissionsModule,
    ActivityModule,
    AttachmentsModule,
    CommandsModule,
    TypingModule,
    AppsModule,
    WebhooksModule,
  ],
  controllers: [
    InternalAuthController,
    InternalChannelsController,
    InternalAnnotationsController,
    InternalMessagesController,
    InternalSearchController,
    InternalConversationsController,
    InternalMessageFlagsController,
    InternalUsersController,
    InternalWebhooksController,
    InternalWebhookDeliveriesController,
    InternalPermissionsController,
    InternalStatusController,
    InternalActivityController,
    InternalAttachmentsController,
    InternalCommandsController,
    InternalTypingController,
    InternalSlackAppsController,
    InternalMessageBlocksController,
  ],
  providers: [InternalAuthGuard, HotPostRoute, PostBatchService],
})
export class InternalApiModule {}
