import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  DomainError,
  ErrorCode,
  type Principal,
  ZULIP_FEATURE_LEVEL,
  ZULIP_VERSION,
  zulipStream,
  zulipSubscriptions,
  zulipUser,
  InternalRoutes,
} from '@switchboard/contracts';
import { Dialect } from '@switchboard/platform';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { ZulipController } from './zulip-controller.decorator';
import { ZulipForwarding } from './zulip-forwarding';
import { invalid, jsonParam, optionalBool, requiredText, success, zulipIdParam } from './zulip-params';

/** Users, channels ("streams") and the caller's subscriptions, in Zulip's shapes. */
@ZulipController('api/v1')
export class ZulipDirectoryController extends ZulipForwarding {
  @Get('users')
  async users(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string) {
    return success({ members: (await this.directory.users(principal, requestId)).map(zulipUser) });
  }

  /** Read afresh: the authenticated principal is cached briefly and may predate a rename. */
  @Get('users/me')
  async me(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string) {
    return success(
      zulipUser(
        await this.messaging.forward(principal, requestId, InternalRoutes.getUser, {
          params: { userId: principal.user.userId },
        }),
      ),
    );
  }

  @Get('streams')
  async streams(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string) {
    const channels = (await this.directory.visibleChannels(principal, requestId)).filter(
      (channel) => channel.type !== 'group',
    );
    return success({ streams: channels.map((channel) => zulipStream(channel)) });
  }

  @Get('get_stream_id')
  async streamId(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const channel = await this.directory.channel(principal, requestId, requiredText(params, 'stream'));
    return success({ stream_id: channel.zulipId });
  }

  @Get('users/me/:streamId/topics')
  async topics(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('streamId') streamId: string,
  ) {
    const channel = await this.directory.channel(principal, requestId, zulipIdParam(streamId, 'channel'));
    const topics = await this.messaging.forward(principal, requestId, InternalRoutes.channelTopics, {
      params: { channelId: channel.channelId },
    });
    return success({ topics: topics.map((topic) => ({ name: topic.name, max_id: topic.maxZulipId })) });
  }

  @Get('users/me/subscriptions')
  async subscriptions(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string) {
    const snapshot = await this.messaging.forward(principal, requestId, InternalRoutes.clientSnapshot);
    return success({ subscriptions: zulipSubscriptions(snapshot) });
  }

  /** Joins channels by name, creating the missing ones (`invite_only` makes them private), as Zulip does. */
  @Post('users/me/subscriptions')
  @HttpCode(200)
  async subscribe(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const wanted = subscriptionNames(jsonParam(params, 'subscriptions'));
    const inviteOnly = optionalBool(params, 'invite_only') ?? false;
    const subscribed: string[] = [];
    const already: string[] = [];
    const visible = await this.directory.visibleChannels(principal, requestId);
    for (const { name, description } of wanted) {
      const existing = visible.find(
        (channel) => channel.type !== 'group' && channel.name.toLowerCase() === name.toLowerCase(),
      );
      if (!existing) {
        const created = await this.messaging.forward(principal, requestId, InternalRoutes.createChannel, {
          body: { name, topic: description, type: inviteOnly ? 'private' : 'public' },
        });
        subscribed.push(created.name);
        continue;
      }
      const members = await this.messaging.forward(principal, requestId, InternalRoutes.listMembers, {
        params: { channelId: existing.channelId },
      });
      if (members.some((member) => member.userId === principal.user.userId)) {
        already.push(existing.name);
        continue;
      }
      await this.messaging.forward(principal, requestId, InternalRoutes.addMember, {
        params: { channelId: existing.channelId, userId: principal.user.userId },
      });
      subscribed.push(existing.name);
    }
    const email = principal.user.email;
    return success({
      subscribed: subscribed.length ? { [email]: subscribed } : {},
      already_subscribed: already.length ? { [email]: already } : {},
    });
  }

  @Delete('users/me/subscriptions')
  async unsubscribe(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const names = jsonParam(params, 'subscriptions');
    if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string'))
      throw invalid('subscriptions', 'must be a JSON list of channel names');
    const removed: string[] = [];
    const notRemoved: string[] = [];
    for (const name of names as string[]) {
      const channel = await this.directory.channel(principal, requestId, name);
      try {
        await this.messaging.forward(principal, requestId, InternalRoutes.removeMember, {
          params: { channelId: channel.channelId, userId: principal.user.userId },
        });
        removed.push(channel.name);
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.NotFound) notRemoved.push(channel.name);
        else throw error;
      }
    }
    return success({ removed, not_removed: notRemoved });
  }
}

/** Public: what a Zulip client checks before logging in. */
@Dialect('zulip')
@Controller('api/v1')
export class ZulipServerSettingsController {
  @Get('server_settings')
  settings(@Req() req: Request) {
    return success({
      authentication_methods: {
        password: false,
        dev: false,
        email: false,
        ldap: false,
        remoteuser: false,
        github: false,
        azuread: false,
        gitlab: false,
        apple: false,
        google: false,
        saml: false,
        'openid connect': false,
      },
      external_authentication_methods: [],
      zulip_version: ZULIP_VERSION,
      zulip_feature_level: ZULIP_FEATURE_LEVEL,
      zulip_merge_base: ZULIP_VERSION,
      push_notifications_enabled: false,
      is_incompatible: false,
      email_auth_enabled: false,
      require_email_format_usernames: true,
      realm_uri: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
      realm_url: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
      realm_name: 'Switchboard',
      realm_icon: '',
      realm_description: '',
      realm_web_public_access_enabled: false,
    });
  }
}

function subscriptionNames(value: unknown): { name: string; description?: string }[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100)
    throw invalid('subscriptions', 'must be a JSON list of {"name": …} objects');
  return value.map((item: unknown) => {
    const entry =
      typeof item === 'string' ? { name: item } : (item as { name?: unknown; description?: unknown } | null);
    if (!entry || typeof entry.name !== 'string' || entry.name.trim() === '')
      throw invalid('subscriptions', 'every entry needs a name');
    return {
      name: entry.name.trim(),
      description: typeof entry.description === 'string' ? entry.description : undefined,
    };
  });
}
