import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { IdsModule } from '../ids/ids.module';
import { MessagesModule } from '../messages/messages.module';
import { ChannelsModule } from '../channels/channels.module';
import { SlackAppRepository } from './slack-app.repository';
import { SlackAppService } from './slack-app.service';
import { MessageBlocksService } from './message-blocks.service';

/** Slack apps and their message blocks (their event delivery, which needs Redis, is SlackAppEventsModule). */
@Module({
  imports: [UsersModule, OrganisationsModule, IdsModule, MessagesModule, ChannelsModule],
  providers: [SlackAppRepository, SlackAppService, MessageBlocksService],
  exports: [SlackAppRepository, SlackAppService, MessageBlocksService],
})
export class AppsModule {}
