import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@switchboard/platform';

// Leases expire so that a crashed worker's slots come back by themselves.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/**
 * A per-target (host:port) counting semaphore in RedisClient, shared by every dispatcher worker: at most
 * `limit` requests in flight to one target, so a slow endpoint holds a few slots, not all of them.
 */
export class TargetSemaphore {
  private readonly acquire: (
    key: string,
    now: number,
    leaseMs: number,
    limit: number,
    lease: string,
  ) => Promise<number>;

  constructor(
    private readonly redis: RedisClient,
    private readonly limit: number,
    private readonly leaseMs: number,
  ) {
    // Sent by SHA (EVALSHA, loaded on first use): the script's text does not travel with every delivery.
    redis.defineCommand('sbTargetAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    const commands = redis as unknown as {
      sbTargetAcquire: (key: string, ...args: (string | number)[]) => Promise<number>;
    };
    this.acquire = (key, now, lease, limit, id) => commands.sbTargetAcquire(key, now, lease, limit, id);
  }

  /** A release function, or null when the target is at its limit. */
  async tryAcquire(target: string): Promise<(() => Promise<void>) | null> {
    const key = `sb:wh:target:{${target}}`;
    const lease = randomUUID();
    const acquired = await this.acquire(key, Date.now(), this.leaseMs, this.limit, lease);
    if (acquired !== 1) return null;
    return async () => {
      await this.redis.zrem(key, lease).catch(() => undefined);
    };
  }
}
