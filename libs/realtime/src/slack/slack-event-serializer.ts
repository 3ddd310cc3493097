import { type AnyDomainEvent, type MessageView, type UserView, encodeSlackId } from '@switchboard/contracts';
import { eventTs, slackChannelId, slackChannelObject, slackTeamId, slackUserId, slackUserObject } from './slack-shapes';

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
  | 'team_join';

type Frame = Record<string, unknown>;

function slackMessage(message: MessageView, author: UserView, parent: MessageView | null): Frame {
  return {
    type: 'message',
    user: slackUserId(message.userID),
    text: message.message,
    ts: message.ts,
    ...(author.kind === 'bot' ? { bot_id: encodeSlackId('bot', author.userID) } : {}),
    // Webhook posts carry their own display name and avatar, as Slack renders incoming webhooks.
    ...(message.meta?.username ? { username: message.meta.username } : {}),
    ...(message.meta?.avatarURL ? { icons: { image_48: message.meta.avatarURL } } : {}),
    ...(parent ? { thread_ts: parent.ts, parent_user_id: slackUserId(parent.userID) } : {}),
    ...(message.updatedAt ? { edited: { user: slackUserId(message.userID), ts: eventTs(message.updatedAt, message.messageID) } } : {}),
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
        message: { ...slackMessage(message, author, null), edited: { user: slackUserId(event.payload.editor.userID), ts } },
        previous_message: slackMessage(previous, author, null),
      };
    }
    case 'message_deleted': {
      if (event.type !== 'message.deleted') break;
      const { message, channel } = event.payload;
      return { type: 'message', subtype: 'message_deleted', hidden: true, channel: slackChannelId(channel), ts, deleted_ts: message.ts, event_ts: ts };
    }
    case 'channel_created': {
      if (event.type !== 'channel.created') break;
      const { channel } = event.payload;
      return { type: 'channel_created', channel: { id: slackChannelId(channel), name: channel.name, created: Math.floor(Date.parse(channel.createdAt) / 1000), creator: slackUserId(channel.creatorID) }, event_ts: ts };
    }
    case 'channel_joined': {
      if (event.type !== 'channel.created' && event.type !== 'channel.member_joined') break;
      const { channel } = event.payload;
      return { type: 'channel_joined', channel: slackChannelObject(channel, true), event_ts: ts };
    }
    case 'channel_left': {
      if (event.type !== 'channel.member_left') break;
      const { channel } = event.payload;
      return { type: 'channel_left', channel: slackChannelId(channel), ...(event.actorId ? { actor_id: slackUserId(event.actorId) } : {}), event_ts: ts };
    }
    case 'channel_rename': {
      if (event.type !== 'channel.updated') break;
      const { channel } = event.payload;
      return { type: 'channel_rename', channel: { id: slackChannelId(channel), name: channel.name, created: Math.floor(Date.parse(channel.createdAt) / 1000) }, event_ts: ts };
    }
    case 'member_joined_channel': {
      if (event.type !== 'channel.member_joined') break;
      const { channel, userId, inviterId } = event.payload;
      return {
        type: 'member_joined_channel',
        user: slackUserId(userId),
        channel: slackChannelId(channel),
        channel_type: channel.type === 'public' ? 'C' : 'G',
        team,
        ...(inviterId ? { inviter: slackUserId(inviterId) } : {}),
        event_ts: ts,
      };
    }
    case 'member_left_channel': {
      if (event.type !== 'channel.member_left') break;
      const { channel, userId } = event.payload;
      return { type: 'member_left_channel', user: slackUserId(userId), channel: slackChannelId(channel), channel_type: channel.type === 'public' ? 'C' : 'G', team, event_ts: ts };
    }
    case 'team_join': {
      if (event.type !== 'user.created') break;
      return { type: 'team_join', user: slackUserObject(event.payload.user), event_ts: ts };
    }
  }
  throw new Error(`cannot render ${event.type} as ${variant}`);
}
