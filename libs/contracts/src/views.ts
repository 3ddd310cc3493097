import type { AppPrincipal } from './slack/slack-apps';
/** Canonical representations shared by the messaging service, the edges and the event stream. */
export type ChannelType = 'public' | 'private' | 'group';
export const CHANNEL_TYPES: readonly ChannelType[] = ['public', 'private', 'group'];

export type UserKind = 'user' | 'bot';
export type OrgRole = 'admin' | 'member';
export type MemberRole = 'owner' | 'member';
export type MembershipFlag = 'pinned' | 'hidden' | 'ignored';
export type MessageType = 'text' | 'attachment';

export interface OrganisationView {
  organisationId: string;
  name: string;
  slug: string;
  createdAt: string;
}

export interface UserView {
  userId: string;
  /** Compact id for Zulip clients (below 2^53). */
  zulipId: number;
  organisationId: string;
  email: string;
  handle: string;
  name: string;
  kind: UserKind;
  role: OrgRole;
  createdAt: string;
  deactivatedAt: string | null;
}

export interface ChannelView {
  channelId: string;
  /** Compact id for Zulip clients (below 2^53). */
  zulipId: number;
  organisationId: string;
  name: string;
  topic: string;
  type: ChannelType;
  creatorId: string;
  createdAt: string;
  updatedAt: string | null;
  archivedAt: string | null;
  deletedAt: string | null;
  /** Only when the caller asked for VIEWER_CAPABILITIES_QUERY: the member ids. */
  members?: string[];
  /** Only when the caller asked for VIEWER_CAPABILITIES_QUERY: what the caller may do here. */
  capabilities?: ChannelCapabilities;
}

/** What one user may do with a channel, from the structure and their permission rules. */
export interface ChannelCapabilities {
  join: boolean;
  part: boolean;
  observe: boolean;
  sendMessages: boolean;
  deleteMessages: boolean;
  changeMembers: boolean;
  changeMembershipPolicy: boolean;
  update: boolean;
  archive: boolean;
  delete: boolean;
}

/** What one user may do with a message. */
export interface MessageCapabilities {
  reply: boolean;
  edit: boolean;
  delete: boolean;
}

export interface MemberView {
  channelId: string;
  userId: string;
  role: MemberRole;
  flag: MembershipFlag | null;
  createdAt: string;
}

export interface ReactionView {
  reaction: string;
  count: number;
  userIds: string[];
}

export interface MessageView {
  messageId: string;
  /** Compact id for Zulip clients (below 2^53). */
  zulipId: number;
  channelId: string;
  userId: string;
  /** The Zulip topic (subject); '' when none. */
  topic: string;
  message: string;
  type: MessageType;
  replyTo: string | null;
  replies: number;
  ts: string;
  createdAt: string;
  updatedAt: string | null;
  deletedAt: string | null;
  reactions: ReactionView[];
  pinned: boolean;
  /** Only in answers to the caller (a bookmark is private to its user); absent in events. */
  bookmarked?: boolean;
  /** Set on messages posted by webhooks: the display name and avatar shown instead of the bot's. */
  meta?: MessageMeta | null;
  /** Only when the caller asked for VIEWER_CAPABILITIES_QUERY. */
  capabilities?: MessageCapabilities;
}

export interface MessageMeta {
  webhookId: string | null;
  username: string | null;
  avatarURL: string | null;
}

export interface MessagePage {
  messages: MessageView[];
  hasMore: boolean;
}

export type ChannelState = 'delete' | 'undelete' | 'archive' | 'unarchive';
export const CHANNEL_STATES: readonly ChannelState[] = ['delete', 'undelete', 'archive', 'unarchive'];
export const MEMBERSHIP_FLAGS: readonly MembershipFlag[] = ['pinned', 'hidden', 'ignored'];

/** The caller's read state of a channel (top-level messages) or of one thread (its replies). */
export interface UnreadView {
  count: number;
  mentions: number;
  lastReadMessageId: string | null;
}

export interface ThreadUnreadView extends UnreadView {
  threadId: string;
}

/** A channel as its member sees it: with their flag and read state (GET /channels/, GET /channels/{id}). */
export interface ChannelWithStateView extends ChannelView {
  membershipFlag: MembershipFlag | null;
  unread: UnreadView | null;
  threads?: ThreadUnreadView[];
}

/** What a realtime replica needs to know about one connected user's conversations. */
export interface ConversationRef {
  channelId: string;
  type: ChannelType;
}

export interface Principal {
  user: UserView;
  organisation: OrganisationView;
  /** Set for Slack app tokens (`xoxb-…`, `xapp-…`): the user is the app's bot. */
  app?: AppPrincipal;
}

export interface Page<T> {
  items: T[];
  /** The id to pass as the next page's `after…ID`, or null on the last page. */
  next: string | null;
}
