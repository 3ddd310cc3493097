import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedError } from '@switchboard/contracts';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_REDIS } from '../redis.tokens';
import type { RedisClient } from '@switchboard/platform';

/**
 * Per-webhook rate limit of incoming posts: a fixed one-minute window counted in RedisClient, so every
 * gateway replica shares it. The bucket is keyed by the webhook AND a hash of the presented token:
 * the webhook id is visible to channel readers (message meta), and requests with wrong tokens must
 * not be able to use up the real token's allowance (guessing a 256-bit token needs no throttle).
 */
@Injectable()
export class IncomingWebhookLimiter {
  constructor(
    @Inject(GATEWAY_REDIS) private readonly redis: RedisClient,
    private readonly config: GatewayConfig,
  ) {}

  async take(webhookId: string, token: string): Promise<void> {
    const window = Math.floor(Date.now() / 60_000);
    const tokenTag = createHash('sha256').update(token).digest('hex').slice(0, 16);
    const key = `sb:rl:webhook:${webhookId}:${tokenTag}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 120).exec()) as [
      [Error | null, number],
      [Error | null, number],
    ];
    if (count > this.config.WEBHOOK_INCOMING_PER_MINUTE) {
      const retryAfterSeconds = 60 - (Math.floor(Date.now() / 1000) % 60);
      throw new RateLimitedError(
        retryAfterSeconds,
        `This webhook accepts ${this.config.WEBHOOK_INCOMING_PER_MINUTE} messages per minute; retry in ${retryAfterSeconds} s`,
      );
    }
  }
}
