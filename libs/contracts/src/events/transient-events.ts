/**
 * Events that are never stored: published straight to the sharded pub/sub channels by the process
 * that saw them (a realtime replica for typing and presence), after authorising them.
 */
export type Presence = 'active' | 'away';

/**
 * Zulip clients say when typing stops and in which topic; Slack's only say it goes on (`start`).
 * Typing to people one has no conversation with yet has no channel: `channelId` is null and
 * `recipientIds` names everyone in the conversation-to-be, the typist included.
 */
export interface TypingEvent {
  transient: 'typing';
  organisationId: string;
  channelId: string | null;
  channelType: 'public' | 'private' | 'group';
  userId: string;
  op: 'start' | 'stop';
  topic: string | null;
  recipientIds?: string[];
}

export type TransientEvent =
  | TypingEvent
  | { transient: 'presence'; organisationId: string; userId: string; presence: Presence }
  | { transient: 'manual_presence'; organisationId: string; userId: string; presence: Presence };

export function isTransientEvent(value: unknown): value is TransientEvent {
  return (
    typeof value === 'object' && value !== null && typeof (value as { transient?: unknown }).transient === 'string'
  );
}
