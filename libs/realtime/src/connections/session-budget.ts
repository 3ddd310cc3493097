import type { RtmTicket } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';

/**
 * Takes one token from the user's rtm.connect session bucket (fields `t` tokens, `at` ms), as
 * rtm.connect described it in the ticket. Only a socket that arrives pays: a ticket whose socket
 * never came (a dead replica, a refused connection) costs the client nothing.
 */
const TAKE = `
local capacity, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(stored[1]) or capacity
local at = tonumber(stored[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
redis.call('HSET', KEYS[1], 't', math.max(0, tokens - 1), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return 1`;

export class SessionBudget {
  constructor(private readonly redis: RedisClient) {
    redis.defineCommand('rtmSessionTake', { numberOfKeys: 1, lua: TAKE });
  }

  async take(budget: RtmTicket['sessionBudget']): Promise<void> {
    if (!budget || budget.perSecond <= 0) return;
    const redis = this.redis as RedisClient & {
      rtmSessionTake(key: string, capacity: number, rate: number, now: number): Promise<number>;
    };
    await redis.rtmSessionTake(budget.key, budget.capacity, budget.perSecond, Date.now());
  }
}
