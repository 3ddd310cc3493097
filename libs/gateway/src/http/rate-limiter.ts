import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedError } from '@switchboard/contracts';
import { GATEWAY_REDIS } from '../redis.tokens';
import type { RedisClient } from '@switchboard/platform';

const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/**
 * Fixed-window counters in RedisClient, shared by every gateway replica. Keys name the subject (a user)
 * and the route class; a window is one minute unless told otherwise.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: RedisClient) {
    redis.defineCommand('rateHit', { numberOfKeys: 1, lua: HIT });
  }

  async hit(routeClass: string, subject: string, limit: number, windowMs = 60_000): Promise<void> {
    if (limit <= 0) return;
    const window = Math.floor(Date.now() / windowMs);
    const redis = this.redis as RedisClient & { rateHit(key: string, windowMs: number): Promise<[number, number]> };
    const [count, ttlMs] = await redis.rateHit(`sb:rate:${routeClass}:{${subject}}:${window}`, windowMs);
    if (count > limit) throw new RateLimitedError(Math.max(1, Math.ceil(ttlMs / 1000)));
  }
}
