import { type ChannelView, type SlackIdKind, type UserView, encodeSlackId } from '@switchboard/contracts';

/** Slack-dialect views of our objects, shared by socket events (and later the Web API). */
export function slackChannelId(channel: Pick<ChannelView, 'channelID' | 'type'>): string {
  return encodeSlackId(channel.type as SlackIdKind, channel.channelID);
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
  const micros = (ms % 1000) * 1000 + (Number(BigInt(eventId) % 1000n));
  return `${Math.floor(ms / 1000)}.${String(micros).padStart(6, '0')}`;
}

export function slackChannelObject(channel: ChannelView, isMember: boolean) {
  return {
    id: slackChannelId(channel),
    name: channel.name,
    created: unixSeconds(channel.createdAt),
    creator: slackUserId(channel.creatorID),
    is_channel: channel.type === 'public',
    is_group: channel.type === 'private',
    is_im: false,
    is_mpim: channel.type === 'group',
    is_private: channel.type !== 'public',
    is_archived: channel.archivedAt !== null,
    is_member: isMember,
    context_team_id: slackTeamId(channel.organisationID),
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  };
}

export function slackUserObject(user: UserView) {
  const isBot = user.kind === 'bot';
  return {
    id: slackUserId(user.userID),
    team_id: slackTeamId(user.organisationID),
    name: user.handle,
    real_name: user.name,
    deleted: user.deactivatedAt !== null,
    is_admin: user.role === 'admin',
    is_bot: isBot,
    profile: { real_name: user.name, display_name: user.handle, email: user.email, ...(isBot ? { bot_id: encodeSlackId('bot', user.userID) } : {}) },
  };
}
