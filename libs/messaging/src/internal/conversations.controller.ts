import { InternalRoute } from './internal-route.decorator';
import { type ConversationRef, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelRepository } from '../channels/channel.repository';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

/** What a realtime replica asks when a user connects: the conversations whose events they receive. */
@InternalController()
export class InternalConversationsController {
  constructor(private readonly channels: ChannelRepository) {}

  @InternalRoute(InternalRoutes.myConversations)
  conversations(@Actor() actor: UserEntity): Promise<ConversationRef[]> {
    return this.channels.conversationsOf(actor.id);
  }
}
