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
 * id operands are compact (Zulip) ids. `anchor` is a compact message id, `newest` or `oldest`.
 */
export interface MessageSearchQuery {
  narrow?: string;
  anchor?: string;
  numBefore?: number;
  numAfter?: number;
  includeAnchor?: boolean;
}

export interface MessageSearchResult {
  messages: MessageView[];
  users: UserView[];
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
}
