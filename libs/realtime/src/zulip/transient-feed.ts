import type { TransientEntry, TransientLog } from '@switchboard/platform';
import type { ChannelDirectory } from './channel-directory';
import type { ParticipantDirectory } from './participant-directory';
import type { FollowSet, QueueSpec } from './queue-spec';
import type { UserDirectory } from './user-directory';
import {
  TRANSIENT_MAX_AGE_MS,
  type TransientZulipEvent,
  transientConcerns,
  translateTransient,
} from './zulip-transient-translator';

/** Presence changes older than this are not replayed to a queue that was not polled meanwhile. */
const REPLAY_WINDOW_MS = 60_000;
/** Entries read per poll at most; a queue that falls further behind skips the older ones. */
const READ_LIMIT = 500;

export interface TransientBatch {
  /** Events for the queue, oldest first, with when each was published. */
  events: { at: number; event: TransientZulipEvent }[];
  /** Where the next read starts. */
  cursor: string;
}

/**
 * Reads the organisation's transient log (typing, presence) for one queue: what was published
 * since its last poll, filtered and in Zulip's shape. At most once: the cursor moves past whatever
 * one poll returned.
 */
export class TransientFeed {
  constructor(
    private readonly log: TransientLog,
    private readonly users: UserDirectory,
    private readonly participants: ParticipantDirectory,
    private readonly channels: ChannelDirectory,
  ) {}

  /** Where a new queue starts reading: the log's head. */
  start(organisationId: string): Promise<string> {
    return this.log.head(organisationId);
  }

  async read(spec: QueueSpec, follow: FollowSet, cursor: string, now = Date.now()): Promise<TransientBatch> {
    return this.select(spec, follow, await this.fetch(spec.organisationId, cursor, now), now);
  }

  /** Reads the log after a queue's cursor (at most the last minute); `select` filters it for the queue. */
  async fetch(
    organisationId: string,
    cursor: string,
    now = Date.now(),
  ): Promise<{ from: string; entries: TransientEntry[] }> {
    const from = laterPosition(cursor, `${now - REPLAY_WINDOW_MS}-0`);
    return { from, entries: await this.log.readAfter(organisationId, from, READ_LIMIT) };
  }

  async select(
    spec: QueueSpec,
    follow: FollowSet,
    { from, entries }: { from: string; entries: TransientEntry[] },
    now = Date.now(),
  ): Promise<TransientBatch> {
    const events: TransientBatch['events'] = [];
    for (const { at, event } of entries) {
      if (!transientConcerns(event, spec, follow)) continue;
      if (event.transient === 'typing' && now - at > TRANSIENT_MAX_AGE_MS) continue;
      const typing = event.transient === 'typing' ? event : null;
      const recipientIds = typing?.channelId === null ? (typing.recipientIds ?? []) : [];
      const [users, participants, channelZulipId] = await Promise.all([
        this.users.get(spec.organisationId, spec.userId, [event.userId, ...recipientIds]),
        typing?.channelType === 'group' && typing.channelId !== null
          ? this.participants.get(typing.channelId, spec.userId).catch(() => [])
          : Promise.resolve([]),
        typing && typing.channelType !== 'group' && typing.channelId !== null
          ? this.channels.zulipId(typing.channelId, spec.userId)
          : Promise.resolve(null),
      ]);
      // A conversation-to-be has no participants to look up: its recipients are in the event.
      const people = recipientIds.length
        ? recipientIds.flatMap((id) => (users.has(id) ? [users.get(id)!] : []))
        : participants;
      const translated = translateTransient(event, at, spec, follow, { users, participants: people, channelZulipId });
      if (translated) events.push({ at, event: translated });
    }
    return { events, cursor: entries.length > 0 ? entries[entries.length - 1].position : from };
  }
}

/** The later of two stream positions (`<ms>-<seq>`). */
export function laterPosition(a: string, b: string): string {
  const [aMs, aSeq] = a.split('-').map(BigInt);
  const [bMs, bSeq] = b.split('-').map(BigInt);
  return aMs > bMs || (aMs === bMs && aSeq >= bSeq) ? a : b;
}
