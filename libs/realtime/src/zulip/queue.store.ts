import { type UserView, withCurrentIdKeys } from '@switchboard/contracts';
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
if ARGV[6] then redis.call('EXPIRE', KEYS[1], ARGV[6]) end
return 1`;

/**
 * Starts a poll in one round trip: reads the queue, starts a new poll generation (an older
 * waiting poll of this queue ends when it hears of it on the poll channel, KEYS[2], same slot)
 * and keeps the queue alive for its lifespan plus the wait margin.
 */
const BEGIN_POLL = `
local v = redis.call('HMGET', KEYS[1], 'spec', 'cursor', 'acked', 'follow', 'tcursor')
if not v[1] or not v[2] or not v[3] or not v[4] then return nil end
local spec = cjson.decode(v[1])
-- Someone else's queue is left alone, as if it did not exist.
if spec.userId ~= ARGV[2] then return nil end
local generation = redis.call('HINCRBY', KEYS[1], 'gen', 1)
redis.call('EXPIRE', KEYS[1], tonumber(spec.lifespanSecs) + tonumber(ARGV[1]))
redis.call('SPUBLISH', KEYS[2], tostring(generation))
return {v[1], v[2], v[3], v[4], v[5] or '', generation}`;

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
    redis.defineCommand('zulipBeginPoll', { numberOfKeys: 2, lua: BEGIN_POLL });
  }

  /** Reads the queue and starts a new poll of it (see BEGIN_POLL); null when the queue is gone. */
  async beginPoll(
    queueId: string,
    userId: string,
  ): Promise<{ spec: QueueSpec; position: QueuePosition; generation: number } | null> {
    const redis = this.redis as RedisClient & {
      zulipBeginPoll(
        key: string,
        channel: string,
        marginSecs: number,
        userId: string,
      ): Promise<[string, string, string, string, string, number] | null>;
    };
    const row = await redis.zulipBeginPoll(queueKey(queueId), queuePollChannel(queueId), this.waitMarginSecs, userId);
    if (!row) return null;
    const [spec, cursor, acked, follow, transientCursor, generation] = row;
    return {
      spec: JSON.parse(spec) as StoredSpec,
      position: { cursor, acked, follow: decodeFollow(follow), transientCursor: transientCursor || `${Date.now()}-0` },
      generation: Number(generation),
    };
  }

  /**
   * Stores a new queue. A user holding more than `maxPerUser` live queues loses the oldest ones
   * (their next poll gets BAD_EVENT_QUEUE_ID), so a misbehaving client cannot pile queues up.
   */
  async create(spec: QueueSpec, position: QueuePosition, maxPerUser: number, maxLifespanSecs: number): Promise<void> {
    const key = queueKey(spec.queueId);
    await this.redis
      .multi()
      .hset(
        key,
        'spec',
        JSON.stringify(spec),
        'cursor',
        position.cursor,
        'acked',
        position.acked,
        'follow',
        encodeFollow(position.follow),
        'tcursor',
        position.transientCursor,
        'gen',
        '0',
      )
      .expire(key, spec.lifespanSecs)
      .exec();
    const userKey = userQueuesKey(spec.userId);
    await this.redis
      .multi()
      .zadd(userKey, Date.now(), spec.queueId)
      .expire(userKey, maxLifespanSecs + this.waitMarginSecs)
      .exec();
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
    const [spec, cursor, acked, follow, transientCursor] = await this.redis.hmget(
      queueKey(queueId),
      'spec',
      'cursor',
      'acked',
      'follow',
      'tcursor',
    );
    if (spec === null || cursor === null || acked === null || follow === null) return null;
    // Queues registered before the transient log existed start reading it from now.
    return {
      spec: JSON.parse(spec) as StoredSpec,
      position: { cursor, acked, follow: decodeFollow(follow), transientCursor: transientCursor ?? `${Date.now()}-0` },
    };
  }

  /**
   * Returns 1 when saved, 0 when another poll moved the cursor first, -1 when the queue is gone.
   * With `ttl`, the queue's expiry is set in the same step (`ttlFor`).
   */
  async savePosition(queueId: string, expectedCursor: string, position: QueuePosition, ttl?: number): Promise<number> {
    const redis = this.redis as RedisClient & {
      zulipSavePosition(key: string, ...args: (string | number)[]): Promise<number>;
    };
    return redis.zulipSavePosition(
      queueKey(queueId),
      expectedCursor,
      position.cursor,
      position.acked,
      encodeFollow(position.follow),
      position.transientCursor,
      ...(ttl === undefined ? [] : [ttl]),
    );
  }

  /** A queue expires `lifespan` after its last poll ended, and never while a poll waits. */
  ttlFor(spec: QueueSpec, waiting: boolean): number {
    return spec.lifespanSecs + (waiting ? this.waitMarginSecs : 0);
  }

  async delete(queueId: string, userId?: string): Promise<boolean> {
    const removed = await this.redis.del(queueKey(queueId));
    if (userId) await this.redis.zrem(userQueuesKey(userId), queueId);
    await this.redis.spublish(queuePollChannel(queueId), 'deleted');
    return removed > 0;
  }
}

function encodeFollow(follow: FollowSet): string {
  return JSON.stringify({
    member: [...follow.member],
    public: [...follow.public],
    ...(follow.viewer ? { viewer: follow.viewer } : {}),
  });
}

function decodeFollow(text: string): FollowSet {
  const parsed = JSON.parse(text) as { member: string[]; public: string[]; viewer?: UserView };
  return {
    member: new Set(parsed.member),
    public: new Set(parsed.public),
    ...(parsed.viewer ? { viewer: withCurrentIdKeys(parsed.viewer) } : {}),
  };
}
