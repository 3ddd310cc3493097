import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RTM_TICKET_TTL_SECONDS, type RtmTicket, rtmTicketKey } from '@switchboard/contracts';
import { GatewayConfig } from '../gateway.config';
import type { RedisClient } from '@switchboard/platform';
import { GATEWAY_REDIS } from '../redis.tokens';

/**
 * Issues the single-use, 30-second rtm.connect ticket. It lives in RedisClient, so whichever realtime
 * replica the client's socket lands on can redeem it (GETDEL makes the second use fail).
 */
@Injectable()
export class RtmTicketIssuer {
  constructor(
    @Inject(GATEWAY_REDIS) private readonly redis: RedisClient,
    private readonly config: GatewayConfig,
  ) {}

  async issue(ticket: Omit<RtmTicket, 'issuedAt'>): Promise<string> {
    const id = randomBytes(24).toString('base64url');
    await this.redis.set(
      rtmTicketKey(id),
      JSON.stringify({ ...ticket, issuedAt: Date.now() }),
      'EX',
      RTM_TICKET_TTL_SECONDS,
    );
    const url = new URL(this.config.REALTIME_PUBLIC_URL);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/websocket`;
    url.searchParams.set('ticket', id);
    return url.toString();
  }
}
