/**
 * Events that are never stored: published straight to the sharded pub/sub channels by the process
 * that saw them (a realtime replica for typing and presence), after authorising them.
 */
export type Presence = 'active' | 'away';

export type TransientEvent =
  | { transient: 'typing'; organisationId: string; channelId: string; channelType: 'public' | 'private' | 'group'; userId: string }
  | { transient: 'presence'; organisationId: string; userId: string; presence: Presence }
  | { transient: 'manual_presence'; organisationId: string; userId: string; presence: Presence };

export function isTransientEvent(value: unknown): value is TransientEvent {
  return typeof value === 'object' && value !== null && typeof (value as { transient?: unknown }).transient === 'string';
}
