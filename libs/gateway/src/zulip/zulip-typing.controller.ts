import { HttpCode, Post } from '@nestjs/common';
import { InternalRoutes, type TypingDto } from '@switchboard/contracts';
import { CurrentZulipCall, type ZulipCall } from './zulip-call';
import { ZulipController } from './zulip-controller.decorator';
import { ZulipForwarding } from './zulip-forwarding';
import { invalid, jsonParam, optionalText, requiredText, requiredChoice, success } from './zulip-params';
import { streamReference } from './zulip-recipients';

/**
 * POST /api/v1/typing: "start" while composing (clients repeat it about every 10 s), "stop" when
 * done. Direct conversations are named by their other participants, channels by `stream_id`
 * (or the legacy one-element `to`) plus a `topic`.
 */
@ZulipController('api/v1/typing')
export class ZulipTypingController extends ZulipForwarding {
  @Post()
  @HttpCode(200)
  async typing(@CurrentZulipCall() { principal, requestId, params }: ZulipCall) {
    const op = requiredChoice(params, 'op', ['start', 'stop']);
    const type = optionalText(params, 'type') ?? 'direct';
    let body: TypingDto;
    if (type === 'stream' || type === 'channel') {
      const reference = params.stream_id !== undefined ? jsonParam(params, 'stream_id') : jsonParam(params, 'to');
      if (reference === undefined) throw invalid('stream_id', 'missing');
      const channel = await this.directory.channel(principal, requestId, streamReference(reference));
      body = { op, channelId: channel.channelId, topic: requiredText(params, 'topic') };
    } else if (type === 'direct' || type === 'private') {
      const others = await this.directory.otherRecipients(principal, requestId, jsonParam(params, 'to'));
      // Typing to oneself: Zulip accepts it and tells nobody.
      if (others.length === 0) return success();
      body = { op, memberIds: others };
    } else {
      throw invalid('type', 'must be direct, private, stream or channel');
    }
    await this.messaging.forward(principal, requestId, InternalRoutes.announceTyping, { body });
    return success();
  }
}
