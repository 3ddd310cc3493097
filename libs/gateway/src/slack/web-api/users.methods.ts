import { Injectable } from '@nestjs/common';
import { encodeSlackId, slackUserObject, InternalRoutes } from '@switchboard/contracts';
import { PresenceStore } from '@switchboard/platform';
import { MessagingForwarder } from '../../corteza/messaging-forwarder';
import { parseProfileSet } from './profile-params';
import { SlackApiError, type SlackCall, type SlackMethod } from './slack-call';
import { decodeCursor, encodeCursor, limit, text, userId } from './slack-params';

@Injectable()
export class UsersMethods {
  constructor(
    private readonly messaging: MessagingForwarder,
    private readonly presence: PresenceStore,
  ) {}

  methods(): Record<string, SlackMethod> {
    return {
      'auth.test': (call) => this.authTest(call),
      'users.list': (call) => this.list(call),
      'users.info': (call) => this.info(call),
      'users.getPresence': (call) => this.getPresence(call),
      'users.setPresence': (call) => this.setPresence(call),
      'users.profile.get': (call) => this.profileGet(call),
      'users.profile.set': (call) => this.profileSet(call),
    };
  }

  private async getPresence(call: SlackCall) {
    const target =
      text(call.params, 'user') === undefined
        ? call.principal.user.userId
        : (
            await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getUser, {
              params: { userId: userId(call.params) },
            })
          ).userId;
    const status = (await this.presence.status([target])).get(target)!;
    const self = target === call.principal.user.userId;
    return {
      ok: true,
      presence: status.presence,
      ...(self
        ? {
            online: status.online,
            auto_away: false,
            manual_away: status.manualAway,
            connection_count: status.connections,
          }
        : {}),
    };
  }

  private async setPresence(call: SlackCall) {
    const mode = text(call.params, 'presence');
    if (mode !== 'auto' && mode !== 'away') throw new SlackApiError('invalid_presence');
    await this.presence.setManual(call.principal.organisation.organisationId, call.principal.user.userId, mode);
    return { ok: true };
  }

  /**
   * `bot_id` is always present: Python's RTM client drops every event whose bot_id equals its own,
   * and without one it would compare None with None and drop all human messages.
   */
  private async authTest(call: SlackCall) {
    const { user, organisation } = call.principal;
    return {
      ok: true,
      url: call.baseUrl,
      team: organisation.name,
      user: user.handle,
      team_id: encodeSlackId('team', organisation.organisationId),
      user_id: encodeSlackId('user', user.userId),
      bot_id: encodeSlackId('bot', user.userId),
      is_enterprise_install: false,
      // Bot tokens of apps (xoxb-) also name the app, as Slack's auth.test does.
      ...(call.principal.app
        ? { app_id: encodeSlackId('app', call.principal.app.appId), bot_user_id: encodeSlackId('user', user.userId) }
        : {}),
    };
  }

  private async list(call: SlackCall) {
    const page = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.pageUsers, {
      query: { limit: limit(call.params, 200, 1000), afterUserId: decodeCursor(call.params) },
    });
    return {
      ok: true,
      members: page.items.map(slackUserObject),
      cache_ts: Math.floor(Date.now() / 1000),
      response_metadata: { next_cursor: encodeCursor(page.next) },
    };
  }

  private async profileGet(call: SlackCall) {
    const target = text(call.params, 'user') === undefined ? call.principal.user.userId : userId(call.params);
    const user = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getUser, {
      params: { userId: target },
    });
    return { ok: true, profile: slackUserObject(user).profile };
  }

  /** One's own profile only: nobody edits another user's here, admins included (Slack's `not_admin`). */
  private async profileSet(call: SlackCall) {
    const self = call.principal.user;
    if (text(call.params, 'user') !== undefined && userId(call.params) !== self.userId)
      throw new SlackApiError('not_admin');
    const { email, ...change } = parseProfileSet(call.params);
    if (email !== undefined && email.toLowerCase() !== self.email.toLowerCase()) throw new SlackApiError('not_admin');
    const user = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.updateMyProfile, {
      body: change,
    });
    return { ok: true, username: user.handle, profile: slackUserObject(user).profile };
  }

  private async info(call: SlackCall) {
    const user = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getUser, {
      params: { userId: userId(call.params) },
    });
    return { ok: true, user: slackUserObject(user) };
  }
}
