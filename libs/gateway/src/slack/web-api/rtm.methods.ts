import { Injectable } from '@nestjs/common';
import { encodeSlackId } from '@switchboard/contracts';
import { EventLog } from '@switchboard/platform';
import { RtmAdmission } from '../rtm-admission';
import { RtmTicketIssuer } from '../rtm-ticket.issuer';
import type { SlackCall, SlackMethod } from './slack-call';
import { flag, text } from './slack-params';
import { SlackApiError } from './slack-call';

/**
 * `rtm.connect`, and `rtm.start` answered the same way (Slack itself stopped sending the team
 * snapshot). The socket URL is single-use and valid for 30 seconds. `resume_from` (ours, not
 * Slack's) asks the socket to replay what happened after that event id; without it, the socket
 * replays from where the same credential and client's previous socket stopped (within
 * RTM_RESUME_WINDOW_SECONDS). Admission (tier readiness, session budget) comes first.
 */
@Injectable()
export class RtmMethods {
  constructor(
    private readonly tickets: RtmTicketIssuer,
    private readonly log: EventLog,
    private readonly admission: RtmAdmission,
  ) {}

  methods(): Record<string, SlackMethod> {
    const connect: SlackMethod = (call) => this.connect(call);
    return { 'rtm.connect': connect, 'rtm.start': connect };
  }

  private async connect(call: SlackCall) {
    const { user, organisation } = call.principal;
    const resumeFrom = text(call.params, 'resume_from');
    if (resumeFrom !== undefined && !/^[0-9]{1,19}$/.test(resumeFrom)) throw new SlackApiError('invalid_arguments');
    const admitted = await this.admission.admit(user.userId, call.rtmClient ?? { credential: user.userId, agent: '' });
    const url = await this.tickets.issue({
      userId: user.userId,
      organisationId: organisation.organisationId,
      batchPresenceAware: flag(call.params, 'batch_presence_aware', false),
      presenceSub: flag(call.params, 'presence_sub', true),
      // Events from this point on reach the socket even if they happen before it connects.
      resumeFrom: resumeFrom ?? (await this.log.head(organisation.organisationId)),
      resumeRequested: resumeFrom !== undefined,
      ...admitted,
    });
    return {
      ok: true,
      self: { id: encodeSlackId('user', user.userId), name: user.handle },
      team: {
        id: encodeSlackId('team', organisation.organisationId),
        name: organisation.name,
        domain: organisation.slug,
      },
      url,
    };
  }
}
