import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REALTIME_REPLICAS_KEY, RateLimitedError, type RtmTicket, rtmResumeKey } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import type { Request } from 'express';
import { extractCredentials } from '../auth/credentials';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_REDIS } from '../redis.tokens';

/** Unused rtm.connect URLs refill at this rate once the burst is spent. */
const TICKETS_PER_SECOND = 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks the session bucket (taken by the realtime replica when a socket arrives) and takes a
 * token from the ticket bucket (rtm.connect calls, refilled fast). Fields `t` tokens, `at` ms.
 * Returns {0} when admitted, else {1 or 2, milliseconds until a token is back}.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local function level(key, capacity, rate)
  local stored = redis.call('HMGET', key, 't', 'at')
  local tokens = tonumber(stored[1]) or capacity
  local at = tonumber(stored[2]) or now
  return math.min(capacity, tokens + math.max(0, now - at) / 1000 * rate)
end
local sessionCapacity, sessionRate = tonumber(ARGV[2]), tonumber(ARGV[3])
if sessionRate > 0 then
  local sessions = level(KEYS[1], sessionCapacity, sessionRate)
  if sessions < 1 then return {1, math.ceil((1 - sessions) / sessionRate * 1000)} end
end
local ticketCapacity, ticketRate = tonumber(ARGV[4]), tonumber(ARGV[5])
local tickets = level(KEYS[2], ticketCapacity, ticketRate)
if tickets < 1 then return {2, math.ceil((1 - tickets) / ticketRate * 1000)} end
redis.call('HSET', KEYS[2], 't', tickets - 1, 'at', now)
redis.call('PEXPIRE', KEYS[2], math.ceil(ticketCapacity / ticketRate * 1000) + 1000)
return {0, 0}`;

export interface RtmClient {
  /** SHA-256 of the credential (never the credential itself). */
  credential: string;
  /** Short hash of the client's User-Agent: one credential may run several different clients. */
  agent: string;
}

/** Who is connecting, for lossless reconnects: the credential and the client software. */
export function rtmClientOf(req: Request): RtmClient {
  const credentials = extractCredentials(req);
  const secret =
    credentials.kind === 'token'
      ? credentials.token
      : credentials.kind === 'basic'
        ? `${credentials.email}:${credentials.apiKey}`
        : '';
  return {
    credential: createHash('sha256').update(secret).digest('hex'),
    agent: createHash('sha256')
      .update(req.get('user-agent') ?? '')
      .digest('hex')
      .slice(0, 16),
  };
}

/** Whole seconds plus up to one second of jitter, so refused clients do not come back together. */
function retryAfter(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000)) + (Math.random() < 0.5 ? 0 : 1);
}

/**
 * Admission for rtm.connect (issue 15, issue 14 §5). A URL is handed out only when a realtime
 * replica is live and the tier is under its accept budget; the call waits up to
 * RTM_CONNECT_HOLD_SECONDS for that (jittered, so a storm spreads over seconds), then answers
 * HTTP 429 with a short, jittered Retry-After, which Slack's client libraries wait out and retry
 * by themselves (any other status makes @slack/rtm-api give up). Per user, sessions are limited
 * when sockets arrive (RTM_CONNECTS_PER_MINUTE with a burst), so URLs that were never used cost
 * nothing; unused URLs themselves get the burst, then one a second (paced by waiting, not by 429,
 * while the wait fits in the hold).
 */
@Injectable()
export class RtmAdmission {
  constructor(
    @Inject(GATEWAY_REDIS) private readonly redis: RedisClient,
    private readonly config: GatewayConfig,
  ) {
    redis.defineCommand('rtmAdmit', { numberOfKeys: 2, lua: ADMIT });
  }

  /** Throws a RateLimitedError, or returns what the ticket must carry. */
  async admit(userId: string, client: RtmClient): Promise<Pick<RtmTicket, 'resumeKey' | 'sessionBudget'>> {
    // Waiting here costs an open request; a 429 costs the client Retry-After plus its library's own
    // growing backoff (@slack/web-api retries a 429 through p-retry), which after a long outage
    // would keep it away for many seconds after the tier is back. So short waits are served here.
    const deadline = Date.now() + this.config.RTM_CONNECT_HOLD_SECONDS * 1000;
    await this.tierAccepts(deadline);
    const resumeKey = rtmResumeKey(client.credential, client.agent);
    if (this.config.RTM_CONNECTS_PER_MINUTE === 0) return { resumeKey };
    const sessionKey = `sb:rate:rtm-sessions:{${userId}}`;
    const perSecond = this.config.RTM_CONNECTS_PER_MINUTE / 60;
    const capacity = this.config.RTM_CONNECT_BURST;
    const redis = this.redis as RedisClient & { rtmAdmit(...args: (string | number)[]): Promise<[number, number]> };
    for (;;) {
      const [refused, waitMs] = await redis.rtmAdmit(
        sessionKey,
        `sb:rate:rtm-tickets:{${userId}}`,
        Date.now(),
        capacity,
        perSecond,
        capacity,
        TICKETS_PER_SECOND,
      );
      if (!refused) break;
      if (Date.now() + waitMs > deadline) throw new RateLimitedError(retryAfter(waitMs));
      await sleep(waitMs + Math.random() * 250);
    }
    return { resumeKey, sessionBudget: { key: sessionKey, capacity, perSecond } };
  }

  /** Waits (polling, with jitter) for a live replica and a slot in this second's accept budget, until the deadline. */
  private async tierAccepts(deadline: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      const live = await this.redis.zcount(REALTIME_REPLICAS_KEY, now, '+inf');
      if (live > 0 && (await this.underBudget(now, live))) return;
      if (Date.now() + 250 > deadline) throw new RateLimitedError(retryAfter(1000 + Math.random() * 1000));
      await sleep(150 + Math.random() * 350);
    }
  }

  private async underBudget(now: number, live: number): Promise<boolean> {
    if (this.config.RTM_ACCEPTS_PER_SECOND === 0) return true;
    const key = `sb:rt-accepts:${Math.floor(now / 1000)}`;
    const [[, accepted]] = ((await this.redis.multi().incr(key).expire(key, 5).exec()) ?? [[null, 0]]) as [
      [unknown, number],
    ];
    return accepted <= live * this.config.RTM_ACCEPTS_PER_SECOND;
  }
}
