import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { MembersModule } from '../members/members.module';
import { MessagesModule } from '../messages/messages.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { UsersModule } from '../users/users.module';
import { CommandService } from './command.service';

/** Slash commands: built-in and registered. */
@Module({
  imports: [ChannelsModule, PermissionsModule, MessagesModule, MembersModule, UsersModule, OutboxModule],
  providers: [CommandService],
  exports: [CommandService],
})
export class CommandsModule {}
