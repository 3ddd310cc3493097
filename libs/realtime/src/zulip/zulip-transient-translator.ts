import type { TransientEvent, UserView } from '@switchboard/contracts';
import type { FollowSet, QueueSpec } from './queue-spec';

/** Typing older than this is not worth showing: Zulip clients drop an indicator after 15 s. */
export const TRANSIENT_MAX_AGE_MS = 15_000;

export type TransientZulipEvent = { type: string } & Record<string, unknown>;

/** Whether a transient event may concern this queue (its type wanted, its conversation followed). Pure. */
export function transientConcerns(event: TransientEvent, spec: QueueSpec, follow: FollowSet): boolean {
  if (event.organisationId !== spec.organisationId) return false;
  switch (event.transient) {
    case 'typing': {
      const audience =
        event.channelId === null
          ? (event.recipientIds ?? []).includes(spec.userId)
          : follow.member.has(event.channelId);
      return wants(spec, 'typing') && event.userId !== spec.userId && audience;
    }
    case 'presence':
      // One's own presence comes from one's own connecting: not news to the client that connected.
      return wants(spec, 'presence') && event.userId !== spec.userId;
    default:
      return false;
  }
}

/** What translating a transient event needs looked up: the users, a direct conversation's participants, a channel's compact id. */
export interface TransientContext {
  users: ReadonlyMap<string, UserView>;
  participants: UserView[];
  channelZulipId: number | null;
}

/**
 * A transient event in Zulip's shape for this queue, or null. `at` is when it was published. The
 * caller gives it an id.
 */
export function translateTransient(
  event: TransientEvent,
  at: number,
  spec: QueueSpec,
  follow: FollowSet,
  { users, participants, channelZulipId }: TransientContext,
): TransientZulipEvent | null {
  if (!transientConcerns(event, spec, follow)) return null;
  const user = users.get(event.userId);
  if (!user) return null;
  if (event.transient === 'typing') {
    const sender = { user_id: user.zulipId, email: user.email };
    if (event.channelType === 'group') {
      const recipients = participants.map((participant) => ({
        user_id: participant.zulipId,
        email: participant.email,
      }));
      return { type: 'typing', op: event.op, message_type: 'direct', sender, recipients };
    }
    if (channelZulipId === null) return null;
    return {
      type: 'typing',
      op: event.op,
      message_type: 'stream',
      sender,
      stream_id: channelZulipId,
      topic: event.topic ?? '',
    };
  }
  const seconds = Math.floor(at / 1000);
  if (spec.simplifiedPresenceEvents) {
    const entry =
      event.presence === 'active'
        ? { active_timestamp: seconds, idle_timestamp: seconds }
        : { active_timestamp: 0, idle_timestamp: seconds };
    return { type: 'presence', presences: { [String(user.zulipId)]: entry } };
  }
  // Zulip's legacy shape: `idle` for away; a client ages a user out to offline by the timestamp.
  const status = {
    client: 'website',
    status: event.presence === 'active' ? 'active' : 'idle',
    timestamp: seconds,
    pushable: false,
  };
  return {
    type: 'presence',
    user_id: user.zulipId,
    email: user.email,
    server_timestamp: at / 1000,
    presence: { website: status },
  };
}

function wants(spec: QueueSpec, type: string): boolean {
  return spec.eventTypes === null || spec.eventTypes.includes(type);
}
