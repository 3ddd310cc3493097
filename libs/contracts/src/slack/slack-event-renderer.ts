import type { AnyDomainEvent } from '../events/domain-events';
import type { ChannelView, MessageView, UserView } from '../views';
import {
  eventTs,
  slackChannelId,
  slackChannelObject,
  slackMessageObject,
  slackTeamId,
  slackUserId,
  slackUserObject,
  unixSeconds,
} from './slack-shapes';

export type SlackVariant =
  | 'message'
  | 'message_changed'
  | 'message_deleted'
  | 'channel_created'
  | 'channel_joined'
  | 'channel_left'
  | 'channel_rename'
  | 'member_joined_channel'
  | 'member_left_channel'
  | 'team_join'
  | 'user_change'
  | 'im_created'
  | 'reaction_added'
  | 'reaction_removed'
  | 'pin_added'
  | 'pin_removed'
  | 'star_added'
  | 'star_removed'
  | 'channel_archive'
  | 'channel_unarchive'
  | 'channel_deleted';

type Frame = Record<string, unknown>;

function slackMessage(message: MessageView, author: UserView, parent: MessageView | null): Frame {
  return slackMessageObject(message, { author, parent });
}

/** The `item` of pins and stars: the message, as far as the event knows it. */
function messageItem(message: MessageView, channel: ChannelView): Frame {
  return {
    type: 'message',
    channel: slackChannelId(channel),
    message: { type: 'message', user: slackUserId(message.userId), text: message.message, ts: message.ts },
  };
}

/** Renders one domain event as one Slack RTM frame. The caller caches the JSON per variant. */
export function renderSlackEvent(event: AnyDomainEvent, variant: SlackVariant): Frame {
  const team = slackTeamId(event.organisationId);
  const ts = eventTs(event.occurredAt, event.eventId);
  switch (variant) {
    case 'message': {
      if (event.type !== 'message.created') break;
      const { message, author, channel, parent } = event.payload;
      return { ...slackMessage(message, author, parent), channel: slackChannelId(channel), team, event_ts: message.ts };
    }
    case 'message_changed': {
      if (event.type !== 'message.updated') break;
      const { message, previous, author, channel } = event.payload;
      return {
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel: slackChannelId(channel),
        ts,
        event_ts: ts,
        message: {
          ...slackMessage(message, author, null),
          edited: { user: slackUserId(event.payload.editor.userId), ts },
        },
        previous_message: slackMessage(previous, author, null),
      };
    }
    case 'message_deleted': {
      if (event.type !== 'message.deleted') break;
      const { message, channel } = event.payload;
      return {
        type: 'message',
        subtype: 'message_deleted',
        hidden: true,
        channel: slackChannelId(channel),
        ts,
        deleted_ts: message.ts,
        event_ts: ts,
      };
    }
    case 'channel_created': {
      if (event.type !== 'channel.created') break;
      const { channel } = event.payload;
      return {
        type: 'channel_created',
        channel: { ...channelBrief(channel), creator: slackUserId(channel.creatorId) },
        event_ts: ts,
      };
    }
    case 'channel_joined': {
      if (
        event.type !== 'channel.created' &&
        event.type !== 'channel.member_joined' &&
        event.type !== 'channel.undeleted'
      )
        break;
      const { channel } = event.payload;
      return { type: 'channel_joined', channel: slackChannelObject(channel, true), event_ts: ts };
    }
    case 'channel_left': {
      if (event.type !== 'channel.member_left') break;
      const { channel } = event.payload;
      return {
        type: 'channel_left',
        channel: slackChannelId(channel),
        ...(event.actorId ? { actor_id: slackUserId(event.actorId) } : {}),
        event_ts: ts,
      };
    }
    case 'channel_rename': {
      if (event.type !== 'channel.updated') break;
      const { channel } = event.payload;
      return {
        type: 'channel_rename',
        channel: channelBrief(channel),
        event_ts: ts,
      };
    }
    case 'member_joined_channel':
    case 'member_left_channel': {
      if (event.type !== (variant === 'member_joined_channel' ? 'channel.member_joined' : 'channel.member_left')) break;
      if (event.type !== 'channel.member_joined' && event.type !== 'channel.member_left') break;
      const { channel, userId } = event.payload;
      const inviterId = event.type === 'channel.member_joined' ? event.payload.inviterId : null;
      return {
        type: variant,
        ...membershipChange(channel, userId, team),
        ...(inviterId ? { inviter: slackUserId(inviterId) } : {}),
        event_ts: ts,
      };
    }
    case 'im_created': {
      if (event.type !== 'channel.created') break;
      const { channel } = event.payload;
      return {
        type: 'im_created',
        user: slackUserId(channel.creatorId),
        channel: { ...slackChannelObject(channel, true), is_im: true, is_open: true },
        event_ts: ts,
      };
    }
    // Both carry the full user object, as users.info shows it.
    case 'team_join':
    case 'user_change': {
      if (event.type !== (variant === 'team_join' ? 'user.created' : 'user.updated')) break;
      if (event.type !== 'user.created' && event.type !== 'user.updated') break;
      return { type: variant, user: slackUserObject(event.payload.user), event_ts: ts };
    }
    case 'reaction_added':
    case 'reaction_removed': {
      if (event.type !== (variant === 'reaction_added' ? 'message.reaction_added' : 'message.reaction_removed')) break;
      if (event.type !== 'message.reaction_added' && event.type !== 'message.reaction_removed') break;
      const { message, channel, userId, reaction } = event.payload;
      return {
        type: variant,
        user: slackUserId(userId),
        reaction,
        item_user: slackUserId(message.userId),
        item: { type: 'message', channel: slackChannelId(channel), ts: message.ts },
        event_ts: ts,
      };
    }
    case 'pin_added': {
      if (event.type !== 'message.pinned') break;
      const { message, channel, userId } = event.payload;
      const item = {
        ...messageItem(message, channel),
        created: unixSeconds(event.occurredAt),
        created_by: slackUserId(userId),
      };
      return { type: 'pin_added', user: slackUserId(userId), channel_id: slackChannelId(channel), item, event_ts: ts };
    }
    case 'pin_removed': {
      if (event.type !== 'message.unpinned') break;
      const { message, channel, userId, hasPins } = event.payload;
      return {
        type: 'pin_removed',
        user: slackUserId(userId),
        channel_id: slackChannelId(channel),
        item: messageItem(message, channel),
        has_pins: hasPins,
        event_ts: ts,
      };
    }
    case 'star_added':
    case 'star_removed': {
      if (event.type !== (variant === 'star_added' ? 'message.bookmarked' : 'message.unbookmarked')) break;
      if (event.type !== 'message.bookmarked' && event.type !== 'message.unbookmarked') break;
      const { message, channel, userId } = event.payload;
      return {
        type: variant,
        user: slackUserId(userId),
        item: { ...messageItem(message, channel), date_create: unixSeconds(event.occurredAt) },
        event_ts: ts,
      };
    }
    case 'channel_archive':
    case 'channel_unarchive': {
      if (event.type !== (variant === 'channel_archive' ? 'channel.archived' : 'channel.unarchived')) break;
      if (event.type !== 'channel.archived' && event.type !== 'channel.unarchived') break;
      return {
        type: variant,
        channel: slackChannelId(event.payload.channel),
        user: slackUserId(event.payload.actorId),
      };
    }
    case 'channel_deleted': {
      if (event.type !== 'channel.deleted') break;
      return { type: 'channel_deleted', channel: slackChannelId(event.payload.channel) };
    }
  }
  throw new Error(`cannot render ${event.type} as ${variant}`);
}

/** How channel_created and channel_rename name a channel. */
function channelBrief(channel: ChannelView) {
  return { id: slackChannelId(channel), name: channel.name, created: unixSeconds(channel.createdAt) };
}

/** Who joined or left which channel, as member_joined_channel and member_left_channel say it. */
function membershipChange(channel: ChannelView, userId: string, team: string) {
  return {
    user: slackUserId(userId),
    channel: slackChannelId(channel),
    channel_type: channel.type === 'public' ? 'C' : 'G',
    team,
  };
}
