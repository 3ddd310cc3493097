import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GatewayClientsModule } from '../gateway-clients.module';
import { ActivityController } from './activity.controller';
import { AttachmentUploadInterceptor } from './attachment-upload.interceptor';
import { AttachController, AttachmentDownloadController } from './attachments.controller';
import { ChannelsController } from './channels.controller';
import { CommandsController } from './commands.controller';
import { MessageAnnotationsController } from './message-annotations.controller';
import { MessagesController } from './messages.controller';
import { PermissionsController } from './permissions.controller';
import { SearchController } from './search.controller';
import { StatusController } from './status.controller';

/** The Corteza Messaging REST dialect. */
@Module({
  imports: [GatewayClientsModule, AuthModule],
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
  ],
  providers: [AttachmentUploadInterceptor],
})
export class CortezaModule {}
