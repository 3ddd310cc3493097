/** Canonical representations shared by the messaging service, the edges and the event stream. */
export type ChannelType = 'public' | 'private' | 'group';
export const CHANNEL_TYPES: readonly ChannelType[] = ['public', 'private', 'group'];

export type UserKind = 'user' | 'bot';
export type OrgRole = 'admin' | 'member';
export type MemberRole = 'owner' | 'member';
export type MembershipFlag = 'pinned' | 'hidden' | 'ignored';

export interface OrganisationView {
  organisationID: string;
  name: string;
  slug: string;
  createdAt: string;
}

export interface UserView {
  userID: string;
  /** Compact id for Zulip clients (below 2^53). */
  zulipID: number;
  organisationID: string;
  email: string;
  handle: string;
  name: string;
  kind: UserKind;
  role: OrgRole;
  createdAt: string;
  deactivatedAt: string | null;
}

export interface ChannelView {
  channelID: string;
  /** Compact id for Zulip clients (below 2^53). */
  zulipID: number;
  organisationID: string;
  name: string;
  topic: string;
  type: ChannelType;
  creatorID: string;
  createdAt: string;
  updatedAt: string | null;
  archivedAt: string | null;
  deletedAt: string | null;
}

export interface MemberView {
  channelID: string;
  userID: string;
  role: MemberRole;
  flag: MembershipFlag | null;
  createdAt: string;
}

export interface MessageView {
  messageID: string;
  /** Compact id for Zulip clients (below 2^53). */
  zulipID: number;
  channelID: string;
  userID: string;
  /** The Zulip topic (subject); '' when none. */
  topic: string;
  message: string;
  type: 'text';
  replyTo: string | null;
  replies: number;
  ts: string;
  createdAt: string;
  updatedAt: string | null;
  deletedAt: string | null;
}

export interface MessagePage {
  messages: MessageView[];
  hasMore: boolean;
}

/** What a realtime replica needs to know about one connected user's conversations. */
export interface ConversationRef {
  channelID: string;
  type: ChannelType;
}

export interface Principal {
  user: UserView;
  organisation: OrganisationView;
}
