import type { UserView } from '@switchboard/contracts';
import type { NarrowTerm } from '@switchboard/narrow';
import type { FollowSet, QueuePosition, QueueSpec } from './queue-spec';
import type { RedisClient } from '@switchboard/platform';

/** A queue lives in one Redis hash, so any replica can serve it and none holds it in memory. */
export const queueKey = (queueId: string): string => `sb:zq:{${queueId}}`;
/** The queues of one user, scored by creation time, to bound how many a user holds. */
export const userQueuesKey = (userId: string): string => `sb:zq-user:{${userId}}`;
/** Sharded pub/sub channel that tells a waiting poll a newer poll on its queue has started. */
export const queuePollChannel = (queueId: string): string => `sb:zq-poll:{${queueId}}`;

/**
 * Moves the cursor only from the position the caller read (compare-and-set), so two polls racing on
 * different replicas cannot move it backwards or apply a replay twice.
 */
const SAVE_POSITION = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'cursor') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'cursor', ARGV[2], 'acked', ARGV[3], 'follow', ARGV[4], 'tcursor', ARGV[5])
return 1`;

interface StoredSpec extends Omit<QueueSpec, 'narrow'> {
  narrow: NarrowTerm[];
}

export class QueueStore {
  constructor(
    private readonly redis: RedisClient,
    /** Added to the lifespan while a poll waits, so a queue never expires under a waiting poll. */
    private readonly waitMarginSecs: number,
  ) {
    redis.defineCommand('zulipSavePosition', { numberOfKeys: 1, lua: SAVE_POSITION });
  }

  /**
   * Stores a new queue. A user holding more than `maxPerUser` live queues loses the oldest ones
   * (their next poll gets BAD_EVENT_QUEUE_ID), so a misbehaving client cannot pile queues up.
   */
  async create(spec: QueueSpec, position: QueuePosition, maxPerUser: number, maxLifespanSecs: number): Promise<void> {
    const key = queueKey(spec.queueId);
    await this.redis
      .multi()
      .hset(key, 'spec', JSON.stringify(spec), 'cursor', position.cursor, 'acked', position.acked, 'follow', encodeFollow(position.follow), 'tcursor', position.transientCursor, 'gen', '0')
      .expire(key, spec.lifespanSecs)
      .exec();
    const userKey = userQueuesKey(spec.userId);
    await this.redis.multi().zadd(userKey, Date.now(), spec.queueId).expire(userKey, maxLifespanSecs + this.waitMarginSecs).exec();
    const owned = await this.redis.zrange(userKey, 0, -1);
    if (owned.length <= maxPerUser) return;
    const alive = await Promise.all(owned.map((queueId) => this.redis.exists(queueKey(queueId))));
    const expired = owned.filter((_, index) => alive[index] === 0);
    const live = owned.filter((_, index) => alive[index] === 1);
    const evicted = live.slice(0, Math.max(0, live.length - maxPerUser));
    if (expired.length + evicted.length > 0) await this.redis.zrem(userKey, ...expired, ...evicted);
    for (const queueId of evicted) await this.delete(queueId);
  }

  async load(queueId: string): Promise<{ spec: QueueSpec; position: QueuePosition } | null> {
    const [spec, cursor, acked, follow, transientCursor] = await this.redis.hmget(queueKey(queueId), 'spec', 'cursor', 'acked', 'follow', 'tcursor');
    if (spec === null || cursor === null || acked === null || follow === null) return null;
    // Queues registered before the transient log existed start reading it from now.
    return { spec: JSON.parse(spec) as StoredSpec, position: { cursor, acked, follow: decodeFollow(follow), transientCursor: transientCursor ?? `${Date.now()}-0` } };
  }

  /** Returns 1 when saved, 0 when another poll moved the cursor first, -1 when the queue is gone. */
  async savePosition(queueId: string, expectedCursor: string, position: QueuePosition): Promise<number> {
    const redis = this.redis as RedisClient & { zulipSavePosition(key: string, expected: string, cursor: string, acked: string, follow: string, transientCursor: string): Promise<number> };
    return redis.zulipSavePosition(queueKey(queueId), expectedCursor, position.cursor, position.acked, encodeFollow(position.follow), position.transientCursor);
  }

  /** Keeps the queue alive while a client polls; it expires `lifespan` after the last poll ended. */
  async touch(spec: QueueSpec, polling: boolean): Promise<void> {
    await this.redis.expire(queueKey(spec.queueId), spec.lifespanSecs + (polling ? this.waitMarginSecs : 0));
  }

  /** Starts a new poll generation and tells any older waiting poll of this queue to end. */
  async newPoll(queueId: string): Promise<number> {
    const generation = await this.redis.hincrby(queueKey(queueId), 'gen', 1);
    await this.redis.spublish(queuePollChannel(queueId), String(generation));
    return generation;
  }

  async delete(queueId: string, userId?: string): Promise<boolean> {
    const removed = await this.redis.del(queueKey(queueId));
    if (userId) await this.redis.zrem(userQueuesKey(userId), queueId);
    await this.redis.spublish(queuePollChannel(queueId), 'deleted');
    return removed > 0;
  }
}

function encodeFollow(follow: FollowSet): string {
  return JSON.stringify({ member: [...follow.member], public: [...follow.public], ...(follow.viewer ? { viewer: follow.viewer } : {}) });
}

function decodeFollow(text: string): FollowSet {
  const parsed = JSON.parse(text) as { member: string[]; public: string[]; viewer?: UserView };
  return { member: new Set(parsed.member), public: new Set(parsed.public), ...(parsed.viewer ? { viewer: parsed.viewer } : {}) };
}
