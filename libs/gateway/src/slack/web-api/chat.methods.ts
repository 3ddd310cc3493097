import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  MAX_MESSAGE_LENGTH,
  type MessageView,
  encodeSlackId,
  slackMessageObject,
  InternalRoutes,
} from '@switchboard/contracts';
import { ForwardsToMessaging } from '../../corteza/messaging-forwarder';
import { SlackApiError, type SlackCall, type SlackMethod } from './slack-call';
import { type SlackBlock, blocksText, parseBlocks } from './slack-blocks';
import { channelId, text, ts, userId } from './slack-params';

@Injectable()
export class ChatMethods extends ForwardsToMessaging {
  methods(): Record<string, SlackMethod> {
    return {
      'chat.postMessage': (call) => this.post(call),
      'chat.postEphemeral': (call) => this.postEphemeral(call),
      'chat.update': (call) => this.update(call),
      'chat.delete': (call) => this.delete(call),
    };
  }

  /** Posts a message, or a thread reply with `thread_ts`. With `blocks` (stored beside the message), `text` is the fallback, or the blocks' own text when absent. */
  private async post(call: SlackCall) {
    const channel = channelId(call.params);
    const blocks = parseBlocks(call.params.blocks);
    const body = this.text(call, blocks);
    const threadTs = ts(call.params, 'thread_ts', 'thread_not_found');
    const parent = threadTs ? await this.byTs(call, channel, threadTs, 'thread_not_found') : null;
    const message = blocks
      ? await this.messaging
          .forward(call.principal, call.requestId, InternalRoutes.postBlocksMessage, {
            params: { channelId: channel },
            body: { message: body, blocks, ...(parent ? { replyTo: parent.messageId } : {}) },
          })
          .catch((error: unknown) => this.rethrow(error, {}))
      : await (
          parent
            ? this.messaging.forward(call.principal, call.requestId, InternalRoutes.postReply, {
                params: { channelId: channel, messageId: parent.messageId },
                body: { message: body },
              })
            : this.messaging.forward(call.principal, call.requestId, InternalRoutes.postMessage, {
                params: { channelId: channel },
                body: { message: body },
              })
        ).catch((error: unknown) => this.rethrow(error, {}));
    const root = parent?.replyTo
      ? await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getMessage, {
          params: { channelId: channel, messageId: parent.replyTo },
        })
      : parent;
    return {
      ok: true,
      channel: call.params.channel,
      ts: message.ts,
      message: { ...this.render(call, message, root), ...(blocks ? { blocks } : {}) },
    };
  }

  /**
   * Checks what Slack checks (the channel is readable, the user exists, there is text) and answers
   * `message_ts`. Switchboard has no ephemeral messages yet: nothing is shown to the user.
   */
  private async postEphemeral(call: SlackCall) {
    const channel = channelId(call.params);
    const user = userId(call.params);
    this.text(call, parseBlocks(call.params.blocks));
    await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getChannel, {
      params: { channelId: channel },
    });
    await this.messaging.forward(call.principal, call.requestId, InternalRoutes.getUser, { params: { userId: user } });
    const now = Date.now();
    return { ok: true, message_ts: `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}` };
  }

  private async update(call: SlackCall) {
    const { channel, target } = await this.target(call);
    const body = this.text(call);
    const message = await this.messaging
      .forward(call.principal, call.requestId, InternalRoutes.editMessage, {
        params: { channelId: channel, messageId: target.messageId },
        body: { message: body },
      })
      .catch((error: unknown) => this.rethrow(error, { forbidden: 'cant_update_message' }));
    return {
      ok: true,
      channel: call.params.channel,
      ts: message.ts,
      text: message.message,
      message: this.render(call, message, null),
    };
  }

  private async delete(call: SlackCall) {
    const { channel, target } = await this.target(call);
    await this.messaging
      .forward(call.principal, call.requestId, InternalRoutes.deleteMessage, {
        params: { channelId: channel, messageId: target.messageId },
      })
      .catch((error: unknown) => this.rethrow(error, { forbidden: 'cant_delete_message' }));
    return { ok: true, channel: call.params.channel, ts: target.ts };
  }

  private text(call: SlackCall, blocks: SlackBlock[] | null = null): string {
    const value = text(call.params, 'text') ?? (blocks ? blocksText(blocks) : undefined);
    if (value === undefined || value.trim() === '') throw new SlackApiError('no_text');
    if (value.length > MAX_MESSAGE_LENGTH) throw new SlackApiError('msg_too_long');
    return value;
  }

  private render(call: SlackCall, message: MessageView, parent: MessageView | null) {
    const { user } = call.principal;
    return {
      ...slackMessageObject(message, { author: user, parent }),
      team: encodeSlackId('team', user.organisationId),
    };
  }

  /** The message that `channel` and `ts` name (chat.update, chat.delete). */
  private async target(call: SlackCall): Promise<{ channel: string; target: MessageView }> {
    const channel = channelId(call.params);
    const value = ts(call.params, 'ts') ?? this.fail('message_not_found');
    return { channel, target: await this.byTs(call, channel, value, 'message_not_found') };
  }

  private byTs(call: SlackCall, channel: string, value: string, notFound: string): Promise<MessageView> {
    return this.messaging
      .forward(call.principal, call.requestId, InternalRoutes.messageByTs, {
        params: { channelId: channel, ts: value },
      })
      .catch((error: unknown) => this.rethrow(error, { message_not_found: notFound }));
  }

  private rethrow(error: unknown, names: Partial<Record<string, string>>): never {
    if (error instanceof DomainError) {
      const name = names[error.code];
      if (name) throw new SlackApiError(name);
      if (error.code === ErrorCode.ValidationFailed) throw new SlackApiError('invalid_arguments');
    }
    throw error;
  }

  private fail(error: string): never {
    throw new SlackApiError(error);
  }
}
