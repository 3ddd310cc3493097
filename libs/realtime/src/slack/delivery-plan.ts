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

/** Events of a message that the members of its conversation receive, each as one frame. */
const MEMBERS_SEE = {
  'message.created': 'message',
  'message.updated': 'message_changed',
  'message.deleted': 'message_deleted',
  'message.reaction_added': 'reaction_added',
  'message.reaction_removed': 'reaction_removed',
  'message.pinned': 'pin_added',
  'message.unpinned': 'pin_removed',
} as const satisfies Partial<Record<AnyDomainEvent['type'], SlackVariant>>;

/**
 * Decides what one connected user receives for one domain event, and how the event changes the set
 * of conversations the connection follows. Membership is the authorisation for conversation
 * events: the messaging service put the user in (or out of) the channel under its own rules.
 */
export function planDelivery(event: AnyDomainEvent, viewer: Viewer): DeliveryPlan {
  if (event.organisationId !== viewer.organisationId) return NOTHING;
  switch (event.type) {
    case 'message.created':
    case 'message.updated':
    case 'message.deleted':
    case 'message.reaction_added':
    case 'message.reaction_removed':
    case 'message.pinned':
    case 'message.unpinned':
      return viewer.isMemberOf(event.payload.channel.channelId) ? { variants: [MEMBERS_SEE[event.type]] } : NOTHING;
    case 'channel.created': {
      const { channel, memberIds } = event.payload;
      const member = memberIds.includes(viewer.userId);
      const variants: SlackVariant[] = channel.type === 'public' ? ['channel_created'] : [];
      // A new direct conversation is announced as Slack announces DMs: im_created.
      if (member) variants.push(channel.type === 'group' ? 'im_created' : 'channel_joined');
      return member ? { variants, join: channel.channelId } : { variants };
    }
    case 'channel.updated': {
      const { channel, previous } = event.payload;
      const visible = viewer.isMemberOf(channel.channelId) || channel.type === 'public';
      return visible && channel.name !== previous.name ? { variants: ['channel_rename'] } : NOTHING;
    }
    case 'channel.member_joined': {
      const { channel, userId } = event.payload;
      if (userId === viewer.userId)
        return { variants: ['channel_joined', 'member_joined_channel'], join: channel.channelId };
      return viewer.isMemberOf(channel.channelId) ? { variants: ['member_joined_channel'] } : NOTHING;
    }
    case 'channel.member_left': {
      const { channel, userId } = event.payload;
      if (userId === viewer.userId) return { variants: ['channel_left'], leave: channel.channelId };
      return viewer.isMemberOf(channel.channelId) ? { variants: ['member_left_channel'] } : NOTHING;
    }
    case 'user.created':
      return { variants: ['team_join'] };
    case 'user.updated':
      return { variants: ['user_change'] };
    // Bookmarks are private: Slack's stars, to their owner only.
    case 'message.bookmarked':
      return event.payload.userId === viewer.userId ? { variants: ['star_added'] } : NOTHING;
    case 'message.unbookmarked':
      return event.payload.userId === viewer.userId ? { variants: ['star_removed'] } : NOTHING;
    case 'channel.archived':
    case 'channel.unarchived': {
      const { channel } = event.payload;
      const visible = viewer.isMemberOf(channel.channelId) || channel.type === 'public';
      return visible
        ? { variants: [event.type === 'channel.archived' ? 'channel_archive' : 'channel_unarchive'] }
        : NOTHING;
    }
    case 'channel.deleted': {
      const { channel } = event.payload;
      if (viewer.isMemberOf(channel.channelId)) return { variants: ['channel_deleted'], leave: channel.channelId };
      return channel.type === 'public' ? { variants: ['channel_deleted'] } : NOTHING;
    }
    // Slack has no undelete: members see the channel come back as joined, and follow it again.
    case 'channel.undeleted':
      return event.payload.memberIds.includes(viewer.userId)
        ? { variants: ['channel_joined'], join: event.payload.channel.channelId }
        : NOTHING;
    // No Slack RTM frame for membership flags; the Zulip event queues (issue 5) render it.
    case 'channel.flag_set':
      return NOTHING;
    // Slack's channel_marked is not part of our RTM surface; the Zulip event queues (issue 5) render read markers.
    case 'channel.read':
    // Webhook configuration changes are for the managers' admin tools; no RTM rendering (issue 7).
    case 'webhook.created':
    case 'webhook.updated':
    case 'webhook.deleted':
      return NOTHING;
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
