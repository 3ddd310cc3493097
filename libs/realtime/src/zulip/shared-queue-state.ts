import type { UserView } from '@switchboard/contracts';
import type { FollowSet, QueueSpec } from './queue-spec';

/** Entries kept per cache before it starts afresh (a bound, not a working-set size). */
const LIMIT = 50_000;

/**
 * A poll reads its queue's spec and follow set from Redis, so every parked poll would hold its own
 * copy of the viewer, the options and the follow set — though a user's queues mostly carry equal
 * ones. These caches hand out one object per user (viewer, follow set) and per distinct option
 * value (event types, narrow) instead. What they hand out is never modified: `collect` clones a
 * follow set before advancing it.
 */
export class SharedQueueState {
  private readonly viewers = new Map<string, UserView>();
  private readonly follows = new Map<string, FollowSet>();
  private readonly options = new Map<string, unknown>();

  /** `stored` with its parts shared; `queueId` is the poll's own copy of the id. */
  spec(stored: QueueSpec, queueId: string): QueueSpec {
    const viewer = shared(this.viewers, stored.userId, stored.viewer, sameFields);
    return {
      queueId,
      userId: viewer.userId === stored.userId ? viewer.userId : stored.userId,
      organisationId: viewer.organisationId === stored.organisationId ? viewer.organisationId : stored.organisationId,
      viewer,
      eventTypes: this.option(stored.eventTypes),
      narrow: this.option(stored.narrow),
      allPublicStreams: stored.allPublicStreams,
      applyMarkdown: stored.applyMarkdown,
      lifespanSecs: stored.lifespanSecs,
      startEventId: stored.startEventId,
      simplifiedPresenceEvents: stored.simplifiedPresenceEvents,
    };
  }

  /** An equal follow set of the same user's, when one is cached. */
  follow(userId: string, follow: FollowSet): FollowSet {
    return shared(this.follows, userId, follow, sameFollow);
  }

  private option<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    const key = JSON.stringify(value);
    return shared(this.options, key, value, () => true) as T;
  }
}

function shared<T>(cache: Map<string, T>, key: string, value: T, same: (a: T, b: T) => boolean): T {
  const cached = cache.get(key);
  if (cached !== undefined && same(cached, value)) return cached;
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameFollow(a: FollowSet, b: FollowSet): boolean {
  return (
    sameSet(a.member, b.member) &&
    sameSet(a.public, b.public) &&
    (a.viewer && b.viewer ? sameFields(a.viewer, b.viewer) : a.viewer === b.viewer)
  );
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}
