import { HttpCode, Post } from '@nestjs/common';
import { zulipPresences } from '@switchboard/contracts';
import { PresenceStore } from '@switchboard/platform';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { ZulipController } from './zulip-controller.decorator';
import { ZulipDirectory } from './zulip-directory';
import { optionalBool, requiredChoice, success } from './zulip-params';

/**
 * POST /api/v1/users/me/presence, which Zulip's apps send about every minute: `active` counts the
 * caller's client as a live connection for about 90 s (as a socket or a polled queue does), `idle`
 * stops counting it. Answers everyone's presence unless `ping_only`.
 */
@ZulipController('api/v1/users/me/presence')
export class ZulipPresenceController {
  constructor(
    private readonly presence: PresenceStore,
    private readonly directory: ZulipDirectory,
  ) {}

  @Post()
  @HttpCode(200)
  async update(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const status = requiredChoice(params, 'status', ['active', 'idle']);
    const { organisationId } = principal.organisation;
    const { userId } = principal.user;
    if (status === 'active') await this.presence.online(organisationId, userId, presenceConnection(userId));
    else await this.presence.offline(organisationId, userId, presenceConnection(userId));
    if (optionalBool(params, 'ping_only')) return success();
    const users = (await this.directory.users(principal, requestId)).filter((user) => user.deactivatedAt === null);
    const statuses = await this.presence.status(users.map((user) => user.userId));
    return success(zulipPresences(users, statuses, optionalBool(params, 'slim_presence') ?? false));
  }
}

/** One entry per user for all their Zulip apps: the server cannot tell two apps' reports apart. */
function presenceConnection(userId: string): string {
  return `zp:${userId}`;
}
