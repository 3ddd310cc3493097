import type { ChannelView, MessageView, UserView } from '../views';

/**
 * What an event-queue client starts from: the state and the organisation's event id it was read
 * at, taken in ONE repeatable-read snapshot, so a queue that starts at `lastEventId` neither misses
 * nor repeats a change.
 */
export interface ClientSnapshot {
  lastEventId: string;
  user: UserView;
  users: UserView[];
  /** Channels the user can see (public ones of the organisation and those they belong to), groups excluded. */
  channels: ChannelView[];
  /** Every conversation the user belongs to (channels and groups). */
  memberOf: string[];
  /** Members of each non-group channel the user belongs to (Zulip `subscribers`). */
  subscribers: Record<string, string[]>;
  /** Compact id of the newest message the user may read (0 when none). */
  maxMessageZulipId: number;
}

/**
 * A page of messages across every conversation the actor may read, filtered by a narrow whose
 * id operands are compact (Zulip) ids. `anchor` is a compact message id, `newest`, `oldest` or
 * `first_unread` (the oldest unread message of the narrow's conversations, else `newest`).
 */
export interface MessageSearchQuery {
  narrow?: string;
  anchor?: string;
  numBefore?: number;
  numAfter?: number;
  includeAnchor?: boolean;
}

/**
 * The viewer's own state of a message. `read`: their own message, or not newer than the marker
 * that covers it (the channel's for top-level messages, the thread's for replies); `historical`:
 * in a channel the viewer can read but has not joined (no marker; always read).
 */
export interface MessageViewerFlags {
  read: boolean;
  starred: boolean;
  mentioned: boolean;
  historical: boolean;
}

export interface MessageSearchResult {
  /** With their reactions and the viewer's bookmark. */
  messages: MessageView[];
  /** Authors, group participants and the users who reacted. */
  users: UserView[];
  /** By message id. */
  flags: Record<string, MessageViewerFlags>;
  channels: ChannelView[];
  /** Participants (user ids) of each group conversation among the messages. */
  participants: Record<string, string[]>;
  anchor: number;
  foundAnchor: boolean;
  foundOldest: boolean;
  foundNewest: boolean;
}

/** A message looked up by its compact id, with what a dialect needs to render it. */
export interface MessageContext {
  message: MessageView;
  author: UserView;
  channel: ChannelView;
  participants: UserView[];
  flags: MessageViewerFlags;
  /** The users who reacted to the message. */
  reactionUsers: UserView[];
}

/** What a per-message flag change did: the listed compact ids whose flag changed. */
export interface MessageFlagsResult {
  messages: number[];
}
