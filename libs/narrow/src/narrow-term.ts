export type NarrowOperator = 'channel' | 'topic' | 'sender' | 'dm' | 'is' | 'has' | 'search' | 'id';

/** Operands accepted by `is:` after alias resolution (`private` becomes `dm`). */
export type IsOperand = 'dm' | 'mentioned' | 'alerted' | 'starred' | 'unread' | 'read' | 'resolved';

export type HasOperand = 'attachment' | 'link' | 'image' | 'reaction';

/**
 * A validated, normalised narrow term as produced by `parseNarrow`.
 * `operand` is a string[] for `dm` (sorted participant ids/emails) and
 * `search` (lower-cased words); a string for every other operator.
 */
export interface NarrowTerm {
  operator: NarrowOperator;
  operand: string | string[];
  negated: boolean;
}

export interface NarrowableMessage {
  id: string; // decimal string (64-bit ids, never numbers)
  kind: 'channel' | 'dm'; // dm = a direct/group conversation
  channelId: string; // conversation id (decimal string), also for dm
  channelName: string | null; // null for dm
  topic: string | null; // Zulip topic / subject of the message, null if none
  senderId: string;
  senderEmail: string;
  participants: { id: string; email: string }[]; // dm participants incl. the sender; [] for channel messages
  content: string; // markdown source
  hasAttachment: boolean;
  hasImage: boolean;
  hasReaction: boolean;
  flags: { read: boolean; starred: boolean; mentioned: boolean }; // per receiving user
}
