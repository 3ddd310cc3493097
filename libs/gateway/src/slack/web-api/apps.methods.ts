import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RTM_TICKET_TTL_SECONDS, type AppSocketTicket, appTicketKey, encodeSlackId } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import { GatewayConfig } from '../../gateway.config';
import { GATEWAY_REDIS } from '../../redis.tokens';
import { SlackApiError, type SlackCall, type SlackMethod } from './slack-call';

/**
 * `apps.connections.open` (app-level `xapp-` token only): a single-use, 30-second Socket Mode URL
 * that any realtime replica redeems, like rtm.connect's.
 */
@Injectable()
export class AppsMethods {
  constructor(
    @Inject(GATEWAY_REDIS) private readonly redis: RedisClient,
    private readonly config: GatewayConfig,
  ) {}

  methods(): Record<string, SlackMethod> {
    return { 'apps.connections.open': (call) => this.open(call) };
  }

  private async open(call: SlackCall) {
    const app = call.principal.app;
    if (!app || app.tokenKind !== 'app') throw new SlackApiError('not_allowed_token_type');
    const id = randomBytes(24).toString('base64url');
    const ticket: AppSocketTicket = {
      appId: app.appId,
      organisationId: call.principal.organisation.organisationId,
      botUserId: app.botUserId,
      issuedAt: Date.now(),
    };
    await this.redis.set(appTicketKey(id), JSON.stringify(ticket), 'EX', RTM_TICKET_TTL_SECONDS);
    const url = new URL(this.config.REALTIME_PUBLIC_URL);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/link`;
    url.searchParams.set('ticket', id);
    url.searchParams.set('app_id', encodeSlackId('app', app.appId));
    return { ok: true, url: url.toString() };
  }
}
