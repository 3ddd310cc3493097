import { Injectable } from '@nestjs/common';
import {
  type ChannelType,
  DomainError,
  ErrorCode,
  type MessageView,
  decodeSlackUserId,
  slackChannelObject,
  slackMessageObject,
  slackUserId,
  InternalRoutes,
} from '@switchboard/contracts';
import { ForwardsToMessaging } from '../../corteza/messaging-forwarder';
import { attachBlocks } from './slack-blocks';
import { SlackApiError, type SlackCall, type SlackMethod } from './slack-call';
import { channelId, decodeCursor, encodeCursor, flag, limit, requiredText, text, ts } from './slack-params';

const TYPE_BY_SLACK: Record<string, ChannelType> = {
  public_channel: 'public',
  private_channel: 'private',
  mpim: 'group',
  im: 'group',
};

@Injectable()
export class ConversationsMethods extends ForwardsToMessaging {
  methods(): Record<string, SlackMethod> {
    return {
      'conversations.list': (call) => this.list(call),
      'conversations.info': (call) => this.info(call),
      'conversations.history': (call) => this.history(call),
      'conversations.replies': (call) => this.replies(call),
      'conversations.members': (call) => this.members(call),
      'conversations.join': (call) => this.join(call),
      'conversations.mark': (call) => this.mark(call),
      'conversations.leave': (call) => this.leave(call),
      'conversations.create': (call) => this.create(call),
      'conversations.open': (call) => this.open(call),
    };
  }

  private async list(call: SlackCall) {
    const requested = (text(call.params, 'types') ?? 'public_channel')
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean);
    const types = [...new Set(requested.map((type) => TYPE_BY_SLACK[type]))];
    if (types.some((type) => type === undefined)) throw new SlackApiError('invalid_types');
    const result = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.pageChannels, {
      query: {
        limit: limit(call.params, 100, 1000),
        afterChannelId: decodeCursor(call.params),
        types,
        excludeArchived: flag(call.params, 'exclude_archived', false),
      },
    });
    return {
      ok: true,
      channels: result.items.map((channel) => slackChannelObject(channel, channel.isMember)),
      response_metadata: { next_cursor: encodeCursor(result.next) },
    };
  }

  private async info(call: SlackCall) {
    const id = channelId(call.params);
    const [channel, mine] = await Promise.all([
      this.messaging.forward(call.principal, call.requestId, InternalRoutes.getChannel, { params: { channelId: id } }),
      this.messaging.forward(call.principal, call.requestId, InternalRoutes.myConversations),
    ]);
    return {
      ok: true,
      channel: slackChannelObject(
        channel,
        mine.some((ref) => ref.channelId === id),
      ),
    };
  }

  private async history(call: SlackCall) {
    const id = channelId(call.params);
    const page = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.messageWindow, {
      params: { channelId: id },
      query: {
        latest: ts(call.params, 'latest', 'invalid_ts_latest'),
        oldest: ts(call.params, 'oldest', 'invalid_ts_oldest'),
        inclusive: flag(call.params, 'inclusive', false),
        limit: limit(call.params, 100, 1000),
        beforeMessageId: decodeCursor(call.params),
      },
    });
    const last = page.messages[page.messages.length - 1];
    return {
      ok: true,
      messages: await attachBlocks(
        this.blocksOf(call, id),
        page.messages,
        page.messages.map((message) => slackMessageObject(message)),
      ),
      has_more: page.hasMore,
      pin_count: 0,
      response_metadata: { next_cursor: page.hasMore && last ? encodeCursor(last.messageId) : '' },
    };
  }

  private blocksOf(call: SlackCall, channel: string) {
    return (ids: string[]) =>
      this.messaging.forward(call.principal, call.requestId, InternalRoutes.messageBlocks, {
        params: { channelId: channel },
        query: { ids: ids.join(',') },
      });
  }

  private async replies(call: SlackCall) {
    const id = channelId(call.params);
    const threadTs = ts(call.params, 'ts', 'thread_not_found') ?? this.missing('thread_not_found');
    const message = await this.byTs(call, id, threadTs, 'thread_not_found');
    const thread = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.listReplies, {
      params: { channelId: id, messageId: message.messageId },
    });
    const [root, ...replies] = thread;
    const after = decodeCursor(call.params);
    const size = limit(call.params, 1000, 1000);
    const remaining = replies.filter((reply) => !after || BigInt(reply.messageId) > BigInt(after));
    const shown = remaining.slice(0, after ? size : Math.max(size - 1, 0));
    const more = remaining.length > shown.length;
    return {
      ok: true,
      messages: await attachBlocks(
        this.blocksOf(call, id),
        [...(after ? [] : [root]), ...shown],
        [
          ...(after ? [] : [slackMessageObject(root)]),
          ...shown.map((reply) => slackMessageObject(reply, { parent: root })),
        ],
      ),
      has_more: more,
      response_metadata: { next_cursor: more && shown.length ? encodeCursor(shown[shown.length - 1].messageId) : '' },
    };
  }

  private async members(call: SlackCall) {
    const id = channelId(call.params);
    const members = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.listMembers, {
      params: { channelId: id },
    });
    const after = decodeCursor(call.params);
    const size = limit(call.params, 100, 1000);
    const ordered = [...members]
      .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
      .filter((member) => !after || BigInt(member.userId) > BigInt(after));
    const shown = ordered.slice(0, size);
    const next = ordered.length > shown.length ? shown[shown.length - 1].userId : null;
    return {
      ok: true,
      members: shown.map((member) => slackUserId(member.userId)),
      response_metadata: { next_cursor: encodeCursor(next) },
    };
  }

  private async join(call: SlackCall) {
    const id = channelId(call.params);
    const mine = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.myConversations);
    const already = mine.some((ref) => ref.channelId === id);
    if (!already)
      await this.messaging
        .forward(call.principal, call.requestId, InternalRoutes.addMember, {
          params: { channelId: id, userId: call.principal.user.userId },
        })
        .catch((error: unknown) => this.rethrow(error, { forbidden: 'method_not_supported_for_channel_type' }));
    const channel = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getChannel, {
      params: { channelId: id },
    });
    return {
      ok: true,
      channel: slackChannelObject(channel, true),
      ...(already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {}),
    };
  }

  /** Moves the caller's read marker to the message at `ts` (of the channel, or of its thread for a reply). */
  private async mark(call: SlackCall) {
    const id = channelId(call.params);
    const at = ts(call.params, 'ts', 'invalid_timestamp') ?? this.missing('invalid_timestamp');
    await this.messaging
      .forward(call.principal, call.requestId, InternalRoutes.markAsReadByTs, { params: { channelId: id, ts: at } })
      .catch((error: unknown) =>
        this.rethrow(error, { not_a_member: 'not_in_channel', message_not_found: 'invalid_timestamp' }),
      );
    return { ok: true };
  }

  private async leave(call: SlackCall) {
    const id = channelId(call.params);
    await this.messaging
      .forward(call.principal, call.requestId, InternalRoutes.removeMember, {
        params: { channelId: id, userId: call.principal.user.userId },
      })
      .catch((error: unknown) =>
        this.rethrow(error, { not_found: 'not_in_channel', forbidden: 'method_not_supported_for_channel_type' }),
      );
    return { ok: true };
  }

  private async create(call: SlackCall) {
    const name = requiredText(call.params, 'name', 'invalid_name_required');
    const channel = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.createChannel, {
      body: { name, type: flag(call.params, 'is_private', false) ? 'private' : 'public' },
    });
    return { ok: true, channel: slackChannelObject(channel, true) };
  }

  private async open(call: SlackCall) {
    const users = (text(call.params, 'users') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (users.length === 0) {
      const channel = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getChannel, {
        params: { channelId: channelId(call.params) },
      });
      return { ok: true, channel: { id: slackChannelObject(channel, true).id } };
    }
    const ids = users.map((user) => decodeSlackUserId(user) ?? this.missing('user_not_found'));
    if (ids.length > 8) throw new SlackApiError('too_many_users');
    const channel = await this.messaging.forward(call.principal, call.requestId, InternalRoutes.createChannel, {
      body: { type: 'group', members: ids },
    });
    return {
      ok: true,
      channel: flag(call.params, 'return_im', false)
        ? slackChannelObject(channel, true)
        : { id: slackChannelObject(channel, true).id },
    };
  }

  private byTs(call: SlackCall, id: string, value: string, notFound: string): Promise<MessageView> {
    return this.messaging
      .forward(call.principal, call.requestId, InternalRoutes.messageByTs, { params: { channelId: id, ts: value } })
      .catch((error: unknown) => this.rethrow(error, { message_not_found: notFound }));
  }

  private rethrow(error: unknown, names: Partial<Record<string, string>>): never {
    if (error instanceof DomainError) {
      const name = names[error.code] ?? (error.code === ErrorCode.NotFound ? names.not_found : undefined);
      if (name) throw new SlackApiError(name);
    }
    throw error;
  }

  private missing(error: string): never {
    throw new SlackApiError(error);
  }
}
