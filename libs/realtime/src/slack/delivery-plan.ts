import type { AnyDomainEvent } from '@switchboard/contracts';
import type { SlackVariant } from './slack-event-serializer';

export interface Viewer {
  userId: string;
  organisationId: string;
  isMemberOf(channelId: string): boolean;
}

export interface DeliveryPlan {
  variants: SlackVariant[];
  /** The viewer's connection starts (or stops) receiving this conversation's events. */
  join?: string;
  leave?: string;
}

const NOTHING: DeliveryPlan = { variants: [] };

/**
 * Decides what one connected user receives for one domain event, and how the event changes the set
 * of conversations the connection follows. Membership is the authorisation for conversation
 * events: the messaging service put the user in (or out of) the channel under its own rules.
 */
export function planDelivery(event: AnyDomainEvent, viewer: Viewer): DeliveryPlan {
  if (event.organisationId !== viewer.organisationId) return NOTHING;
  switch (event.type) {
    case 'message.created':
      return viewer.isMemberOf(event.payload.channel.channelID) ? { variants: ['message'] } : NOTHING;
    case 'message.updated':
      return viewer.isMemberOf(event.payload.channel.channelID) ? { variants: ['message_changed'] } : NOTHING;
    case 'message.deleted':
      return viewer.isMemberOf(event.payload.channel.channelID) ? { variants: ['message_deleted'] } : NOTHING;
    case 'channel.created': {
      const { channel, memberIds } = event.payload;
      const member = memberIds.includes(viewer.userId);
      const variants: SlackVariant[] = channel.type === 'public' ? ['channel_created'] : [];
      if (member) variants.push('channel_joined');
      return member ? { variants, join: channel.channelID } : { variants };
    }
    case 'channel.updated': {
      const { channel, previous } = event.payload;
      const visible = viewer.isMemberOf(channel.channelID) || channel.type === 'public';
      return visible && channel.name !== previous.name ? { variants: ['channel_rename'] } : NOTHING;
    }
    case 'channel.member_joined': {
      const { channel, userId } = event.payload;
      if (userId === viewer.userId) return { variants: ['channel_joined', 'member_joined_channel'], join: channel.channelID };
      return viewer.isMemberOf(channel.channelID) ? { variants: ['member_joined_channel'] } : NOTHING;
    }
    case 'channel.member_left': {
      const { channel, userId } = event.payload;
      if (userId === viewer.userId) return { variants: ['channel_left'], leave: channel.channelID };
      return viewer.isMemberOf(channel.channelID) ? { variants: ['member_left_channel'] } : NOTHING;
    }
    case 'user.created':
      return { variants: ['team_join'] };
    case 'status.set':
    case 'status.cleared':
      return NOTHING; // Slack's user_status_changed rendering belongs to the RTM presence work (issue 6)
    case 'command.registered':
    case 'command.invoked':
      return NOTHING; // bots take command.invoked from the event log / event queues (issue 5), not RTM
    case 'permissions.rules_changed':
      return NOTHING; // not an RTM event; REST clients re-read /permissions/effective (issue 4)
  }
}
