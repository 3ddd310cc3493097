import { type SlackIdKind, encodeSlackId } from '../ids/slack-id-codec';
import type { ChannelView, MessageView, UserView } from '../views';

/** Slack-dialect views of our objects, shared by RTM events (realtime-gateway) and the Web API (api-gateway). */
export function slackChannelId(channel: Pick<ChannelView, 'channelId' | 'type'>): string {
  return encodeSlackId(channel.type as SlackIdKind, channel.channelId);
}

export function slackUserId(userId: string): string {
  return encodeSlackId('user', userId);
}

export function slackTeamId(organisationId: string): string {
  return encodeSlackId('team', organisationId);
}

export const unixSeconds = (iso: string | null): number => (iso ? Math.floor(Date.parse(iso) / 1000) : 0);

/** A ts for events that are not messages (edits, deletions), from the event's time and id. */
export function eventTs(occurredAt: string, eventId: string): string {
  const ms = Date.parse(occurredAt);
  const micros = (ms % 1000) * 1000 + Number(BigInt(eventId) % 1000n);
  return `${Math.floor(ms / 1000)}.${String(micros).padStart(6, '0')}`;
}

export function slackChannelObject(channel: ChannelView, isMember: boolean) {
  return {
    id: slackChannelId(channel),
    name: channel.name,
    created: unixSeconds(channel.createdAt),
    creator: slackUserId(channel.creatorId),
    is_channel: channel.type === 'public',
    is_group: channel.type === 'private',
    is_im: false,
    is_mpim: channel.type === 'group',
    is_private: channel.type !== 'public',
    is_archived: channel.archivedAt !== null,
    is_member: isMember,
    context_team_id: slackTeamId(channel.organisationId),
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  };
}

export function slackUserObject(user: UserView) {
  const isBot = user.kind === 'bot';
  return {
    id: slackUserId(user.userId),
    team_id: slackTeamId(user.organisationId),
    name: user.handle,
    real_name: user.name,
    deleted: user.deactivatedAt !== null,
    is_admin: user.role === 'admin',
    is_bot: isBot,
    profile: {
      real_name: user.name,
      display_name: user.handle,
      email: user.email,
      ...(isBot ? { bot_id: encodeSlackId('bot', user.userId) } : {}),
    },
  };
}

/** A message object as Slack's Web API and RTM show it. `author` adds `bot_id` for bots. */
export function slackMessageObject(
  message: MessageView,
  options: { author?: Pick<UserView, 'kind' | 'userId'>; parent?: Pick<MessageView, 'ts' | 'userId'> | null } = {},
) {
  const { author, parent } = options;
  return {
    type: 'message',
    user: slackUserId(message.userId),
    text: message.message,
    ts: message.ts,
    ...(author?.kind === 'bot' ? { bot_id: encodeSlackId('bot', author.userId) } : {}),
    // Webhook posts carry their own display name and avatar, as Slack renders incoming webhooks.
    ...(message.meta?.username ? { username: message.meta.username } : {}),
    ...(message.meta?.avatarURL ? { icons: { image_48: message.meta.avatarURL } } : {}),
    ...(parent ? { thread_ts: parent.ts, parent_user_id: slackUserId(parent.userId) } : {}),
    ...(!parent && message.replies > 0 ? { thread_ts: message.ts, reply_count: message.replies } : {}),
    ...(message.updatedAt
      ? { edited: { user: slackUserId(message.userId), ts: eventTs(message.updatedAt, message.messageId) } }
      : {}),
  };
}
