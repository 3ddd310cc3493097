import { Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  type ChannelView,
  DomainError,
  ErrorCode,
  type MessageContext,
  type Principal,
  zulipMessage,
  zulipViewerFlags,
  InternalRoutes,
} from '@switchboard/contracts';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { ZulipController } from './zulip-controller.decorator';
import { ZulipForwarding } from './zulip-forwarding';
import { streamReference } from './zulip-recipients';
import {
  invalid,
  jsonParam,
  optionalBool,
  optionalInt,
  optionalText,
  requiredText,
  success,
  zulipIdParam,
} from './zulip-params';

/** Zulip's message endpoints: send to a channel topic or a direct conversation, fetch with narrows, edit, delete. */
@ZulipController('api/v1/messages')
export class ZulipMessagesController extends ZulipForwarding {
  @Post()
  @HttpCode(200)
  async send(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const type = requiredText(params, 'type');
    const content = requiredText(params, 'content');
    let channel: ChannelView;
    let topic: string | undefined;
    if (type === 'stream' || type === 'channel') {
      channel = await this.directory.channel(principal, requestId, streamReference(jsonParam(params, 'to')));
      topic = optionalText(params, 'topic') ?? optionalText(params, 'subject');
      if (topic === undefined)
        throw new DomainError(ErrorCode.ValidationFailed, "Missing 'topic' argument", [
          { field: 'topic', message: 'missing' },
        ]);
    } else if (type === 'private' || type === 'direct') {
      const others = await this.directory.otherRecipients(principal, requestId, jsonParam(params, 'to'));
      channel = await this.messaging.forward(principal, requestId, InternalRoutes.createChannel, {
        body: { type: 'group', members: others },
      });
    } else {
      throw invalid('type', 'must be stream, channel, private or direct');
    }
    const message = await this.messaging.forward(principal, requestId, InternalRoutes.postMessage, {
      params: { channelId: channel.channelId },
      body: { message: content, ...(topic !== undefined ? { topic } : {}) },
    });
    return success({ id: message.zulipId });
  }

  @Get()
  async list(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const narrow = jsonParam(params, 'narrow');
    const anchor = optionalText(params, 'anchor');
    const applyMarkdown = optionalBool(params, 'apply_markdown') ?? true;
    const result = await this.messaging.forward(principal, requestId, InternalRoutes.searchMessagesByNarrow, {
      query: {
        narrow: narrow === undefined ? undefined : JSON.stringify(narrow),
        anchor,
        numBefore: optionalInt(params, 'num_before', 0, 5000) ?? 0,
        numAfter: optionalInt(params, 'num_after', 0, 5000) ?? 0,
        includeAnchor: optionalBool(params, 'include_anchor'),
      },
    });
    const users = new Map(result.users.map((user) => [user.userId, user]));
    const channels = new Map(result.channels.map((channel) => [channel.channelId, channel]));
    const messages = result.messages.flatMap((message) => {
      const author = users.get(message.userId);
      const channel = channels.get(message.channelId);
      if (!author || !channel) return [];
      const participants = (result.participants[channel.channelId] ?? []).flatMap((id) =>
        users.has(id) ? [users.get(id)!] : [],
      );
      const flags = result.flags[message.messageId];
      return [
        {
          ...zulipMessage(message, author, channel, participants, applyMarkdown, users),
          flags: flags ? zulipViewerFlags(flags) : [],
        },
      ];
    });
    return success({
      messages,
      anchor: result.anchor,
      found_anchor: result.foundAnchor,
      found_oldest: result.foundOldest,
      found_newest: result.foundNewest,
      history_limited: false,
    });
  }

  @Get(':id')
  async get(@CurrentZulipCall() { principal, requestId, params }: ZulipCall, @Param('id') id: string) {
    const found = await this.byId(principal, requestId, id);
    const applyMarkdown = optionalBool(params, 'apply_markdown') ?? true;
    const reactionUsers = new Map(found.reactionUsers.map((user) => [user.userId, user]));
    const message = zulipMessage(
      found.message,
      found.author,
      found.channel,
      found.participants,
      applyMarkdown,
      reactionUsers,
    );
    return success({
      raw_content: found.message.message,
      message: { ...message, flags: zulipViewerFlags(found.flags) },
    });
  }

  @Patch(':id')
  async update(@CurrentZulipCall() { principal, requestId, params }: ZulipCall, @Param('id') id: string) {
    const content = optionalText(params, 'content');
    const topic = optionalText(params, 'topic') ?? optionalText(params, 'subject');
    if (content === undefined && topic === undefined)
      throw new DomainError(ErrorCode.ValidationFailed, 'Nothing to change', [
        { field: 'content', message: 'missing' },
      ]);
    const found = await this.byId(principal, requestId, id);
    await this.messaging.forward(principal, requestId, InternalRoutes.editMessage, {
      params: { channelId: found.channel.channelId, messageId: found.message.messageId },
      body: { ...(content !== undefined ? { message: content } : {}), ...(topic !== undefined ? { topic } : {}) },
    });
    return success();
  }

  @Delete(':id')
  async delete(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('id') id: string) {
    const found = await this.byId(principal, requestId, id);
    await this.messaging.forward(principal, requestId, InternalRoutes.deleteMessage, {
      params: { channelId: found.channel.channelId, messageId: found.message.messageId },
    });
    return success();
  }

  private byId(principal: Principal, requestId: string, id: string): Promise<MessageContext> {
    return this.messaging.forward(principal, requestId, InternalRoutes.messageByZulipId, {
      params: { zulipId: zulipIdParam(id, 'message') },
    });
  }
}
