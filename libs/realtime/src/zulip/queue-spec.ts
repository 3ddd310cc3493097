import type { UserView } from '@switchboard/contracts';
import type { NarrowTerm } from '@switchboard/narrow';

/** What a Zulip event queue was registered with; fixed for its lifetime. */
export interface QueueSpec {
  queueId: string;
  userId: string;
  organisationId: string;
  viewer: UserView;
  /** Zulip event types to queue; null = all. */
  eventTypes: string[] | null;
  narrow: NarrowTerm[];
  allPublicStreams: boolean;
  applyMarkdown: boolean;
  lifespanSecs: number;
  /** The organisation event id the queue started at (register's `last_event_id`). */
  startEventId: string;
  /** Presence events in the modern format (`client_capabilities.simplified_presence_events`). */
  simplifiedPresenceEvents?: boolean;
}

/**
 * Which conversations the queue follows, as of its cursor: those the user belongs to, and (with
 * `all_public_streams`) the organisation's public channels. Replaying the event log advances it.
 */
export interface FollowSet {
  member: Set<string>;
  public: Set<string>;
  /** The queue owner as of the cursor, once they changed their profile after register (mentions match their current name and handle). */
  viewer?: UserView;
}

export interface QueuePosition {
  /** Organisation event id the follow set is valid at; nothing deliverable lies in (acked, cursor]. */
  cursor: string;
  /** The highest `last_event_id` the client acknowledged. */
  acked: string;
  follow: FollowSet;
  /** Position in the organisation's transient log (typing, presence) after what this queue was given. */
  transientCursor: string;
}

export type ZulipEvent = { type: string; id: number } & Record<string, unknown>;

export function cloneFollow(follow: FollowSet): FollowSet {
  return {
    member: new Set(follow.member),
    public: new Set(follow.public),
    ...(follow.viewer ? { viewer: follow.viewer } : {}),
  };
}

export function viewerOf(spec: QueueSpec, follow: FollowSet): UserView {
  return follow.viewer ?? spec.viewer;
}

export function followsConversation(follow: FollowSet, channelId: string): boolean {
  return follow.member.has(channelId) || follow.public.has(channelId);
}
