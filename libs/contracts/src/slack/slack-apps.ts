import type { SlackVariant } from './slack-event-renderer';

/**
 * Slack-style apps (issue 16): what the edges, messaging-service, the realtime gateway and the
 * dispatcher agree on — event types, Redis keys of the Socket Mode streams, tickets, jobs, views.
 */

/** The Slack event types an app may subscribe to. */
export const SLACK_APP_EVENT_TYPES = [
  'message',
  'app_mention',
  'reaction_added',
  'reaction_removed',
  'member_joined_channel',
  'member_left_channel',
  'channel_created',
  'channel_rename',
  'channel_archive',
  'pin_added',
  'user_change',
  'team_join',
] as const;
export type SlackAppEventType = (typeof SLACK_APP_EVENT_TYPES)[number];

/** The RTM variant each app event type is rendered from (app_mention is a message, retyped). */
export const APP_EVENT_VARIANT: Record<SlackAppEventType, SlackVariant> = {
  message: 'message',
  app_mention: 'message',
  reaction_added: 'reaction_added',
  reaction_removed: 'reaction_removed',
  member_joined_channel: 'member_joined_channel',
  member_left_channel: 'member_left_channel',
  channel_created: 'channel_created',
  channel_rename: 'channel_rename',
  channel_archive: 'channel_archive',
  pin_added: 'pin_added',
  user_change: 'user_change',
  team_join: 'team_join',
};

/** What the api-gateway learns about an app token's principal (a bot user acting for its app). */
export interface AppPrincipal {
  appId: string;
  botUserId: string;
  /** `app` for `xapp-…` (apps.connections.open only), `bot` for `xoxb-…`. */
  tokenKind: 'app' | 'bot';
}

export interface SlackAppView {
  appId: string;
  organisationId: string;
  botUserId: string;
  name: string;
  eventTypes: SlackAppEventType[];
  requestURL: string | null;
  socketMode: boolean;
  createdAt: string;
}

/** Answer of app creation: the signing secret and the bot token are shown this once. */
export interface CreatedSlackAppView extends SlackAppView {
  botHandle: string;
  signingSecret: string;
  botToken: string;
}

export interface CreatedAppTokenView {
  appId: string;
  tokenId: string;
  kind: 'app' | 'bot';
  token: string;
}

/** The Events API payload (`event_callback`) as Slack sends it; Socket Mode wraps it in an envelope. */
export interface SlackEventCallback {
  token: string;
  team_id: string;
  api_app_id: string;
  event: Record<string, unknown>;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: {
    enterprise_id: null;
    team_id: string;
    user_id: string;
    is_bot: true;
    is_enterprise_install: false;
  }[];
  is_ext_shared_channel: false;
  event_context: string;
}

// Socket Mode: one Redis Stream per app, in the app's own cluster slot, read by a consumer group.
export const appStreamKey = (appId: string): string => `sb:apps:{app:${appId}}:events`;
export const appRetriesKey = (appId: string): string => `sb:apps:{app:${appId}}:retries`;
export const appConnectionsKey = (appId: string): string => `sb:apps:{app:${appId}}:connections`;
export const APP_STREAM_GROUP = 'socket-mode';
/** Stream entries kept per app (approximate trim): a Socket Mode app that stays away loses the oldest. */
export const APP_STREAM_MAX_LEN = 10_000;
export const MAX_APP_CONNECTIONS = 10;

/** An apps.connections.open ticket (single use, 30 s), like rtm.connect's. */
export interface AppSocketTicket {
  appId: string;
  organisationId: string;
  botUserId: string;
  issuedAt: number;
}
export const appTicketKey = (ticket: string): string => `sb:app-ticket:${ticket}`;

/** Events API deliveries: their own BullMQ queue, beside the outgoing webhooks'. */
export const SLACK_EVENTS_QUEUE = 'slack-events';
export const SlackEventsJobName = {
  Deliver: 'slack.event.deliver',
} as const;
export type SlackEventsJobName = (typeof SlackEventsJobName)[keyof typeof SlackEventsJobName];

export interface SlackEventDeliverJob {
  appId: string;
  organisationId: string;
  eventId: string;
  /** The exact JSON body; signed afresh (new timestamp) at every attempt. */
  body: string;
}

/** Dispatcher → messaging-service: where an app's events go and the secret to sign them with. */
export type SlackEventsTarget =
  { action: 'deliver'; url: string; signingSecret: string } | { action: 'skip'; reason: string };
