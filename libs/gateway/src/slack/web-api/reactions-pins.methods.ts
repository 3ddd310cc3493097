import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type MessageView, InternalRoutes } from '@switchboard/contracts';
import { ForwardsToMessaging } from '../../corteza/messaging-forwarder';
import { SlackApiError, type SlackCall, type SlackMethod } from './slack-call';
import { channelId, requiredText, ts } from './slack-params';

/** `reactions.add/remove` and `pins.add/remove`, on the message a channel and `timestamp` name. */
@Injectable()
export class ReactionsPinsMethods extends ForwardsToMessaging {
  methods(): Record<string, SlackMethod> {
    return {
      'reactions.add': (call) => this.react(call, true),
      'reactions.remove': (call) => this.react(call, false),
      'pins.add': (call) => this.pin(call, true),
      'pins.remove': (call) => this.pin(call, false),
    };
  }

  private async react(call: SlackCall, add: boolean) {
    const { channel, message } = await this.target(call);
    const name = requiredText(call.params, 'name', 'invalid_name').replace(/^:|:$/g, '');
    const mine = message.reactions.some(
      (reaction) => reaction.reaction === name && reaction.userIds.includes(call.principal.user.userId),
    );
    if (add && mine) throw new SlackApiError('already_reacted');
    if (!add && !mine) throw new SlackApiError('no_reaction');
    await this.messaging
      .forward(call.principal, call.requestId, add ? InternalRoutes.addReaction : InternalRoutes.removeReaction, {
        params: { channelId: channel, messageId: message.messageId, reaction: name },
      })
      .catch((error: unknown) =>
        this.rethrow(error, { validation_failed: 'invalid_name', bad_request: 'invalid_name' }),
      );
    return { ok: true };
  }

  private async pin(call: SlackCall, add: boolean) {
    const { channel, message } = await this.target(call);
    if (add && message.pinned) throw new SlackApiError('already_pinned');
    if (!add && !message.pinned) throw new SlackApiError('no_pin');
    await this.messaging
      .forward(call.principal, call.requestId, add ? InternalRoutes.pinMessage : InternalRoutes.unpinMessage, {
        params: { channelId: channel, messageId: message.messageId },
      })
      .catch((error: unknown) => this.rethrow(error, {}));
    return { ok: true };
  }

  private async target(call: SlackCall): Promise<{ channel: string; message: MessageView }> {
    const channel = channelId(call.params);
    const timestamp = ts(call.params, 'timestamp', 'message_not_found') ?? this.fail('no_item_specified');
    const message = await this.messaging
      .forward(call.principal, call.requestId, InternalRoutes.messageByTs, {
        params: { channelId: channel, ts: timestamp },
      })
      .catch((error: unknown) => this.rethrow(error, {}));
    return { channel, message };
  }

  private rethrow(error: unknown, names: Partial<Record<string, string>>): never {
    if (error instanceof DomainError) {
      const name = names[error.code] ?? (error.code === ErrorCode.NotAMember ? 'not_in_channel' : undefined);
      if (name) throw new SlackApiError(name);
    }
    throw error;
  }

  private fail(error: string): never {
    throw new SlackApiError(error);
  }
}
