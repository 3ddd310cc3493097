import { Patch } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type ProfileProblem,
  normaliseProfileField,
  profileProblem,
  InternalRoutes,
} from '@switchboard/contracts';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { ForwardsToMessaging } from '../corteza/messaging-forwarder';
import { optionalText, success } from './zulip-params';
import { ZulipController } from './zulip-controller.decorator';

/** Zulip's own wording (`check_full_name`). */
const ZULIP_MESSAGE: Record<ProfileProblem, string> = {
  required: 'Name too short!',
  too_long: 'Name too long!',
  invalid_characters: 'Invalid characters in name!',
};

/**
 * PATCH /api/v1/settings (and its pre-feature-level-80 alias /settings/display): only `full_name`,
 * our display name, is supported; every other parameter is listed in `ignored_parameters_unsupported`.
 */
@ZulipController('api/v1')
export class ZulipSettingsController extends ForwardsToMessaging {
  @Patch(['settings', 'settings/display'])
  async update(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const fullName = optionalText(params, 'full_name');
    if (fullName !== undefined) {
      const name = normaliseProfileField('name', fullName);
      const problem = profileProblem('name', name);
      if (problem)
        throw new DomainError(ErrorCode.ValidationFailed, ZULIP_MESSAGE[problem], [
          { field: 'full_name', message: ZULIP_MESSAGE[problem] },
        ]);
      await this.messaging.forward(principal, requestId, InternalRoutes.updateMyProfile, { body: { name } });
    }
    const ignored = Object.keys(params).filter((name) => name !== 'full_name');
    return success(ignored.length > 0 ? { ignored_parameters_unsupported: ignored } : {});
  }
}
