import {
  APP_EVENT_VARIANT,
  type AnyDomainEvent,
  type ChannelView,
  SLACK_APP_EVENT_TYPES,
  type SlackAppEventType,
  parseMentions,
  renderSlackEvent,
  slackUserId,
} from '@switchboard/contracts';

/** What the selector needs to know about one app. */
export interface AppAudience {
  appId: string;
  botUserId: string;
  botHandle: string;
  eventTypes: ReadonlySet<string>;
  /** Channels the bot is a member of (its DMs included): what it may read. */
  isMemberOf(channelId: string): boolean;
}

/** One Slack event for one app; `index` tells apart the events one domain event produces. */
export interface SelectedAppEvent {
  type: SlackAppEventType;
  index: number;
  event: Record<string, unknown>;
}

const CHANNEL_TYPE: Record<ChannelView['type'], string> = { public: 'channel', private: 'group', group: 'im' };

/**
 * Maps one committed domain event to the Slack events one app receives, filtered by the app's
 * subscriptions and by what its bot may read: conversation events only from channels it is a
 * member of (public channel creation, renames and archiving excepted, like RTM), organisation events
 * (users joining or changing) always. Pure: the caller supplies memberships.
 */
export function selectAppEvents(event: AnyDomainEvent, app: AppAudience): SelectedAppEvent[] {
  const wanted = candidateTypes(event, app).filter((type) => app.eventTypes.has(type));
  return wanted.map((type) => ({ type, index: SLACK_APP_EVENT_TYPES.indexOf(type), event: render(event, type) }));
}

function candidateTypes(event: AnyDomainEvent, app: AppAudience): SlackAppEventType[] {
  const member = (channel: ChannelView) => app.isMemberOf(channel.channelId);
  const visible = (channel: ChannelView) => channel.type === 'public' || member(channel);
  switch (event.type) {
    case 'message.created': {
      const { message, channel } = event.payload;
      if (!member(channel)) return [];
      return message.userId !== app.botUserId && mentions(message.message, app)
        ? ['message', 'app_mention']
        : ['message'];
    }
    case 'message.reaction_added':
      return member(event.payload.channel) ? ['reaction_added'] : [];
    case 'message.reaction_removed':
      return member(event.payload.channel) ? ['reaction_removed'] : [];
    case 'message.pinned':
      return member(event.payload.channel) ? ['pin_added'] : [];
    // The bot's own join and leave always reach it (it is no longer a member after leaving).
    case 'channel.member_joined':
      return member(event.payload.channel) || event.payload.userId === app.botUserId ? ['member_joined_channel'] : [];
    case 'channel.member_left':
      return member(event.payload.channel) || event.payload.userId === app.botUserId ? ['member_left_channel'] : [];
    case 'channel.created':
      return event.payload.channel.type === 'public' ? ['channel_created'] : [];
    case 'channel.updated':
      return visible(event.payload.channel) && event.payload.channel.name !== event.payload.previous.name
        ? ['channel_rename']
        : [];
    case 'channel.archived':
      return visible(event.payload.channel) ? ['channel_archive'] : [];
    case 'user.created':
      return ['team_join'];
    case 'user.updated':
      return ['user_change'];
    default:
      return [];
  }
}

function mentions(text: string, app: AppAudience): boolean {
  const found = parseMentions(text);
  return found.userIds.includes(app.botUserId) || found.handles.includes(app.botHandle.toLowerCase());
}

/** Slack shows mentions as `<@U…>`; ours name the decimal id. Bolt's directMention() reads them. */
const MENTION_BY_ID = /<@(\d{1,20})>/g;

function render(event: AnyDomainEvent, type: SlackAppEventType): Record<string, unknown> {
  const frame = renderSlackEvent(event, APP_EVENT_VARIANT[type]);
  if (event.type !== 'message.created') return frame;
  const text =
    typeof frame.text === 'string'
      ? frame.text.replace(MENTION_BY_ID, (_all, id: string) => `<@${slackUserId(id)}>`)
      : frame.text;
  const channelType = CHANNEL_TYPE[event.payload.channel.type];
  return type === 'app_mention'
    ? { ...frame, type: 'app_mention', text }
    : { ...frame, text, channel_type: channelType };
}
