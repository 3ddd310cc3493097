import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { UsersModule } from '../users/users.module';
import { OutboxModule } from '../outbox/outbox.module';
import { MemberService } from './member.service';
import { MembershipFlagService } from './membership-flag.service';

/** Channel membership and its flags. */
@Module({
  imports: [ChannelsModule, UsersModule, OutboxModule],
  providers: [MemberService, MembershipFlagService],
  exports: [MemberService, MembershipFlagService],
})
export class MembersModule {}
