import { All, Controller, HttpCode, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { encodeSlackId } from '@switchboard/contracts';
import { Authenticator } from '../auth/authenticator';
import { SlackErrorFilter } from './slack-error.filter';
import { RtmTicketIssuer } from './rtm-ticket.issuer';

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return value === true || value === 'true' || value === '1' || value === 1;
}

/**
 * `rtm.connect` (and `rtm.start`, answered the same way: the legacy team snapshot is gone from
 * Slack too) over GET or POST, form or JSON. Returns a one-time socket URL valid for 30 seconds.
 */
@Controller('api')
@UseFilters(SlackErrorFilter)
export class RtmConnectController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly tickets: RtmTicketIssuer,
  ) {}

  @All(['rtm.connect', 'rtm.start'])
  @HttpCode(200)
  async connect(@Req() req: Request) {
    const principal = await this.authenticator.authenticate(req);
    const params = { ...(req.query as Record<string, unknown>), ...((req.body as Record<string, unknown> | undefined) ?? {}) };
    const url = await this.tickets.issue({
      userId: principal.user.userID,
      organisationId: principal.organisation.organisationID,
      batchPresenceAware: flag(params.batch_presence_aware, false),
      presenceSub: flag(params.presence_sub, true),
    });
    return {
      ok: true,
      self: { id: encodeSlackId('user', principal.user.userID), name: principal.user.handle },
      team: { id: encodeSlackId('team', principal.organisation.organisationID), name: principal.organisation.name, domain: principal.organisation.slug },
      url,
    };
  }
}
