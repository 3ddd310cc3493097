import { Controller, UseGuards } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { type ConversationRef, INTERNAL_PREFIX, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelRepository } from '../channels/channel.repository';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

/** What a realtime replica asks when a user connects: the conversations whose events they receive. */
@Controller(INTERNAL_PREFIX)
@UseGuards(InternalAuthGuard)
export class InternalConversationsController {
  constructor(private readonly channels: ChannelRepository) {}

  @InternalRoute(InternalRoutes.myConversations)
  conversations(@Actor() actor: UserEntity): Promise<ConversationRef[]> {
    return this.channels.conversationsOf(actor.id);
  }
}
